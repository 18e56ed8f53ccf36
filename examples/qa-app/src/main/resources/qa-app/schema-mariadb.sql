-- QA-app reference schema, MariaDB 10.7+ (UUID type); InnoDB, utf8mb4.
-- One statement per ';' at the end of a line; no procedural blocks.
-- users <-> teams form a cycle (users.team_id, teams.owner_id): the second FK is added by ALTER TABLE.

CREATE TABLE teams (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    owner_id    BIGINT,
    created_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE users (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    email          VARCHAR(320) NOT NULL UNIQUE,
    display_name   VARCHAR(200),
    password_hash  VARCHAR(100) NOT NULL,
    team_id        BIGINT REFERENCES teams (id),
    role           VARCHAR(20) NOT NULL DEFAULT 'member',
    created_at     DATETIME(6) NOT NULL,
    last_login_at  TIMESTAMP(6) NULL DEFAULT NULL,
    is_active      BOOLEAN NOT NULL DEFAULT TRUE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE teams ADD CONSTRAINT fk_teams_owner FOREIGN KEY (owner_id) REFERENCES users (id);

CREATE TABLE subscriptions (
    id           INTEGER AUTO_INCREMENT PRIMARY KEY,
    team_id      BIGINT NOT NULL REFERENCES teams (id),
    plan         VARCHAR(40) NOT NULL,
    seats        INTEGER NOT NULL,
    price        NUMERIC(12, 2) NOT NULL,
    valid_until  DATE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE team_members (
    team_id  BIGINT NOT NULL REFERENCES teams (id),
    user_id  BIGINT NOT NULL REFERENCES users (id),
    role     VARCHAR(20) NOT NULL,
    PRIMARY KEY (team_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE projects (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    team_id      BIGINT NOT NULL REFERENCES teams (id),
    name         VARCHAR(200) NOT NULL,
    description  TEXT,
    created_at   DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE milestones (
    id          INTEGER AUTO_INCREMENT PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects (id),
    title       VARCHAR(200) NOT NULL,
    due_date    DATE,
    budget      NUMERIC(38, 10)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE environments (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects (id),
    name        VARCHAR(100) NOT NULL,
    base_url    VARCHAR(500),
    variables   JSON
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE test_suites (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects (id),
    parent_id   BIGINT REFERENCES test_suites (id),
    name        VARCHAR(200) NOT NULL,
    position    INTEGER NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE test_cases (
    id                 BIGINT PRIMARY KEY,
    suite_id           BIGINT NOT NULL REFERENCES test_suites (id),
    title              VARCHAR(300) NOT NULL,
    steps              JSON,
    tags               JSON,
    priority           SMALLINT NOT NULL,
    estimated_minutes  FLOAT,
    uuid               UUID NOT NULL UNIQUE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE test_runs (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    case_id         BIGINT NOT NULL REFERENCES test_cases (id),
    environment_id  BIGINT REFERENCES environments (id),
    executed_by     BIGINT REFERENCES users (id),
    status          ENUM('queued', 'running', 'passed', 'failed', 'skipped', 'blocked') NOT NULL,
    started_at      DATETIME(6) NOT NULL,
    finished_at     DATETIME(6),
    duration_ms     BIGINT,
    result_notes    TEXT,
    screenshot      BLOB,
    score           DOUBLE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Tables the runbook's backup leaves out.

CREATE TABLE session (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    token       VARCHAR(100) NOT NULL UNIQUE,
    expires_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE password_reset_token (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    token       VARCHAR(100) NOT NULL UNIQUE,
    expires_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE api_key (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    label       VARCHAR(100) NOT NULL,
    key_hash    VARCHAR(100) NOT NULL UNIQUE,
    created_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE authenticator_token (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id),
    totp_secret  VARCHAR(64) NOT NULL,
    created_at   DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE attachment (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    test_run_id   BIGINT NOT NULL REFERENCES test_runs (id),
    file_name     VARCHAR(255) NOT NULL,
    content_type  VARCHAR(100) NOT NULL,
    content       LONGBLOB NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE audit_log (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    action      VARCHAR(100) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    details     TEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE team_invitation (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    team_id     BIGINT NOT NULL REFERENCES teams (id),
    email       VARCHAR(320) NOT NULL,
    token       VARCHAR(100) NOT NULL UNIQUE,
    expires_at  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE enterprise_inquiry (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    company        VARCHAR(200) NOT NULL,
    contact_email  VARCHAR(320) NOT NULL,
    message        TEXT,
    created_at     DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jira_integration (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    team_id      BIGINT NOT NULL REFERENCES teams (id),
    site_url     VARCHAR(500) NOT NULL,
    oauth_token  VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jira_issue (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    test_run_id  BIGINT NOT NULL REFERENCES test_runs (id),
    issue_key    VARCHAR(40) NOT NULL,
    summary      VARCHAR(300)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE slack_integration (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    team_id      BIGINT NOT NULL REFERENCES teams (id),
    channel      VARCHAR(100) NOT NULL,
    webhook_url  VARCHAR(500) NOT NULL,
    oauth_token  VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
