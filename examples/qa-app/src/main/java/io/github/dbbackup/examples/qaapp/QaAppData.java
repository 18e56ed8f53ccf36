package io.github.dbbackup.examples.qaapp;

import io.github.dbbackup.examples.qaapp.QaAppSchema.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * Inserts realistic, deterministic sample data into the QA-app schema of {@link QaAppSchema}.
 *
 * <p>The same {@code scale} and {@code seed} always produce the same rows, on every database and
 * JVM. At scale 1 the data set has about 400 rows; row counts grow linearly with the scale. Every
 * table gets rows, including the excluded ones, and the values cover what a backup must carry
 * losslessly:
 * <ul>
 *   <li>the {@code users}/{@code teams} cycle is populated: users are inserted with
 *       {@code team_id NULL}, then the teams with their owners, then {@code users.team_id} is set;</li>
 *   <li>in every project, suite {@code n+2} has parent {@code n+4}: a self-reference whose parent id
 *       is higher than the child's;</li>
 *   <li>{@code NULL}s in every nullable column, empty strings, unicode ({@value #EMOJI_NAME}, CJK,
 *       Polish), single and double quotes, backslashes, newlines, 12&nbsp;000-character texts,
 *       {@code NUMERIC(38,10)} values with 10 decimals and 28 integer digits, both booleans,
 *       timestamps with microseconds, time-zone offsets, binary values, JSON, arrays (empty,
 *       {@code NULL}, with quotes and commas), enums, UUIDs and ids beyond the 32-bit range;</li>
 *   <li>secrets that must never reach a backup: bcrypt-like password hashes
 *       ({@code $2a$10$…}, see {@link #passwordHashes(int, long)}), session and invitation tokens,
 *       API key hashes, TOTP secrets, OAuth tokens and webhook URLs (see {@link #secrets(Connection)}).</li>
 * </ul>
 * Ids are explicit; afterwards identity columns and sequences are moved past the highest id, as a
 * running application would have them.
 *
 * @since 0.1
 */
public final class QaAppData {

    /** A display name with a diaeresis and an emoji outside the Basic Multilingual Plane. */
    public static final String EMOJI_NAME = "Zoë 🚀";

    /** The first id of {@code test_cases}, beyond the range of a 32-bit integer. */
    public static final long FIRST_TEST_CASE_ID = 10_000_000_001L;

    /** The fixed point in time the sample data is spread around (2026-01-05T08:30 local time). */
    private static final LocalDateTime EPOCH = LocalDateTime.of(2026, 1, 5, 8, 30);

    private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final String[] DISPLAY_NAMES = {
        EMOJI_NAME, "Seán O'Brien", "Dana \"DJ\" Jones", "山田 太郎", "Łukasz Żółć", "José Müller",
        "Ada Lovelace", "Grace Hopper", "Back\\slash Bob", "Chloé D'Arcy", "Ngozi Okonkwo", "Mikko Häkkinen",
    };

    private static final String[] TEAM_NAMES = {
        "Checkout Crew", "Platform QA", "Mobile Testers", "Team \"Rocket\" 🚀", "L'équipe Qualité", "品質保証チーム",
    };

    private static final String[] SUITE_NAMES = {"Smoke", "Login", "Checkout", "Authentication"};

    private static final String[] STATUSES = {"queued", "running", "passed", "failed", "skipped", "blocked"};

    private static final String[] ROLES = {"owner", "admin", "member", "viewer"};

    private static final String[] PLANS = {"free", "team", "business", "enterprise"};

    private static final String[] BUDGETS = {
        "12345.6789012345", "0.0000000001", "-42.5000000000", "999999999999999999999999999.9999999999", "1.0000000000",
    };

    private static final String[] PRICES = {"0.00", "49.99", "1234567890.12", "19.90"};

    private static final String LONG_TEXT = longText();

    private QaAppData() {
    }

    /**
     * Inserts the sample data. When the connection is in auto-commit mode, everything is inserted in
     * one transaction that is committed (or rolled back on failure) before auto-commit is restored;
     * otherwise the caller's transaction is used and left open.
     *
     * @param connection an open connection to a schema made by {@link QaAppSchema#create}; not closed
     * @param database the database the connection talks to
     * @param scale the size factor, 1 or more (1 ≈ 400 rows)
     * @param seed the seed of the pseudo-random values
     * @return the number of rows inserted per table, in insertion order
     * @throws SQLException when an insert fails
     * @throws IllegalArgumentException when {@code scale} is less than 1
     */
    public static Map<String, Integer> insert(Connection connection, Database database, int scale, long seed)
            throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(database, "database");
        if (scale < 1) {
            throw new IllegalArgumentException("scale was " + scale + " but it must be 1 or more");
        }
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            Map<String, Integer> counts = new Generator(connection, database, scale, seed).run();
            if (autoCommit) {
                connection.commit();
            }
            return counts;
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Returns the password hashes {@link #insert} writes into {@code users.password_hash} for the
     * given scale and seed, in user id order, without touching a database. Each is a 60-character
     * bcrypt-like string starting with {@code $2a$10$}.
     *
     * @param scale the scale passed to {@link #insert}
     * @param seed the seed passed to {@link #insert}
     * @return the hashes
     */
    public static List<String> passwordHashes(int scale, long seed) {
        int users = userCount(scale);
        List<String> hashes = new ArrayList<>(users);
        for (int id = 1; id <= users; id++) {
            hashes.add(passwordHash(seed, id));
        }
        return List.copyOf(hashes);
    }

    /**
     * Reads every password hash from {@code users}, in id order.
     *
     * @param connection an open connection to the QA-app schema; not closed
     * @return the hashes
     * @throws SQLException when the query fails
     */
    public static List<String> passwordHashes(Connection connection) throws SQLException {
        return strings(connection, "SELECT password_hash FROM users ORDER BY id");
    }

    /**
     * Reads every secret the database holds: password hashes, session, reset and invitation tokens,
     * API key hashes, TOTP secrets, OAuth tokens and Slack webhook URLs. None of them may ever
     * appear in a backup made with {@link QaAppPlan#plan()}.
     *
     * @param connection an open connection to the QA-app schema; not closed
     * @return the secrets, each at least 20 characters long
     * @throws SQLException when a query fails
     */
    public static List<String> secrets(Connection connection) throws SQLException {
        List<String> all = new ArrayList<>(passwordHashes(connection));
        all.addAll(strings(connection, "SELECT token FROM session ORDER BY id"));
        all.addAll(strings(connection, "SELECT token FROM password_reset_token ORDER BY id"));
        all.addAll(strings(connection, "SELECT key_hash FROM api_key ORDER BY id"));
        all.addAll(strings(connection, "SELECT totp_secret FROM authenticator_token ORDER BY id"));
        all.addAll(strings(connection, "SELECT token FROM team_invitation ORDER BY id"));
        all.addAll(strings(connection, "SELECT oauth_token FROM jira_integration ORDER BY id"));
        all.addAll(strings(connection, "SELECT webhook_url FROM slack_integration ORDER BY id"));
        all.addAll(strings(connection, "SELECT oauth_token FROM slack_integration ORDER BY id"));
        return List.copyOf(all);
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static int teamCount(int scale) {
        return 3 * scale;
    }

    /** Four members per team, then two users per scale unit who belong to no team. */
    static int userCount(int scale) {
        return 4 * teamCount(scale) + 2 * scale;
    }

    private static String passwordHash(long seed, int userId) {
        Random random = new Random(seed ^ (0x9E3779B97F4A7C15L * userId));
        StringBuilder hash = new StringBuilder("$2a$10$");
        for (int i = 0; i < 53; i++) {
            hash.append(BCRYPT_ALPHABET.charAt(random.nextInt(BCRYPT_ALPHABET.length())));
        }
        return hash.toString();
    }

    private static String longText() {
        String paragraph = "Step 4 failed: expected the 'Pay now' button, got \"Pay later\" — Zoë's screenshot attached ✔. "
                + "Path C:\\builds\\42\\log.txt, tab\there.\n";
        StringBuilder text = new StringBuilder(12_100);
        while (text.length() + paragraph.length() <= 12_000) {
            text.append(paragraph);
        }
        while (text.length() < 12_000) {
            text.append('.');
        }
        return text.toString();
    }

    /** Writes one data set; single use. */
    private static final class Generator {
        private final Connection connection;
        private final Database database;
        private final int scale;
        private final long seed;
        private final Random random;
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        private final int teams;
        private final int users;
        private int projects;
        private int environments;
        private int suites;
        private int cases;
        private int runs;

        Generator(Connection connection, Database database, int scale, long seed) {
            this.connection = connection;
            this.database = database;
            this.scale = scale;
            this.seed = seed;
            this.random = new Random(seed);
            this.teams = teamCount(scale);
            this.users = userCount(scale);
        }

        Map<String, Integer> run() throws SQLException {
            users();
            teams();
            usersJoinTeams();
            subscriptions();
            teamMembers();
            projects();
            milestones();
            environments();
            testSuites();
            testCases();
            testRuns();
            sessions();
            passwordResetTokens();
            apiKeys();
            authenticatorTokens();
            attachments();
            auditLog();
            teamInvitations();
            enterpriseInquiries();
            jiraIntegrations();
            jiraIssues();
            slackIntegrations();
            restartIdentities();
            return Collections.unmodifiableMap(counts);
        }

        // ---- tables -------------------------------------------------------------------------

        /** The first 4 × teams users belong to team ((id - 1) mod teams) + 1; the rest to none. */
        private long teamOf(int userId) {
            return userId <= 4 * teams ? ((userId - 1) % teams) + 1 : 0;
        }

        private void users() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO users (id, email, display_name, password_hash, team_id, "
                    + "role, created_at, last_login_at, is_active) VALUES (?, ?, ?, ?, NULL, ?, ?, " + timestampWithTimeZone() + ", ?)")) {
                for (int id = 1; id <= users; id++) {
                    String name = id % 7 == 0 ? null : DISPLAY_NAMES[(id - 1) % DISPLAY_NAMES.length];
                    ps.setLong(1, id);
                    ps.setString(2, "user" + id + (id % 3 == 0 ? "+qa" : "") + "@example.com");
                    ps.setString(3, name);
                    ps.setString(4, passwordHash(seed, id));
                    ps.setString(5, id <= teams ? "owner" : ROLES[1 + random.nextInt(ROLES.length - 1)]);
                    ps.setObject(6, time(-400 + id));
                    setTimestampWithTimeZone(ps, 7, id % 5 == 0 ? null : instant(id));
                    ps.setBoolean(8, id % 4 != 0);
                    ps.addBatch();
                }
                execute(ps, "users", users);
            }
        }

        private void teams() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO teams (id, name, owner_id, created_at) VALUES (?, ?, ?, ?)")) {
                for (int id = 1; id <= teams; id++) {
                    ps.setLong(1, id);
                    ps.setString(2, TEAM_NAMES[(id - 1) % TEAM_NAMES.length] + (id > TEAM_NAMES.length ? " " + id : ""));
                    ps.setLong(3, id); // user <id> is the first member of team <id>
                    ps.setObject(4, time(-500 + id));
                    ps.addBatch();
                }
                execute(ps, "teams", teams);
            }
        }

        private void usersJoinTeams() throws SQLException {
            try (PreparedStatement ps = prepare("UPDATE users SET team_id = ? WHERE id = ?")) {
                int updated = 0;
                for (int id = 1; id <= users; id++) {
                    long team = teamOf(id);
                    if (team != 0) {
                        ps.setLong(1, team);
                        ps.setLong(2, id);
                        ps.addBatch();
                        updated++;
                    }
                }
                ps.executeBatch();
                if (updated == 0) {
                    throw new IllegalStateException("no user joined a team");
                }
            }
        }

        private void subscriptions() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO subscriptions (id, team_id, plan, seats, price, valid_until) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= teams; id++) {
                    ps.setInt(1, id);
                    ps.setLong(2, id);
                    ps.setString(3, PLANS[(id - 1) % PLANS.length]);
                    ps.setInt(4, 5 + random.nextInt(500));
                    ps.setBigDecimal(5, new BigDecimal(PRICES[(id - 1) % PRICES.length]));
                    ps.setObject(6, id % 4 == 0 ? null : LocalDate.of(2026, 12, 31).plusDays(id), Types.DATE);
                    ps.addBatch();
                }
                execute(ps, "subscriptions", teams);
            }
        }

        private void teamMembers() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, ?)")) {
                for (int id = 1; id <= users; id++) {
                    long team = teamOf(id);
                    ps.setLong(1, team != 0 ? team : (id % teams) + 1);
                    ps.setLong(2, id);
                    ps.setString(3, team == 0 ? "guest" : id <= teams ? "owner" : "member");
                    ps.addBatch();
                }
                execute(ps, "team_members", users);
            }
        }

        private void projects() throws SQLException {
            projects = 2 * teams;
            try (PreparedStatement ps = prepare("INSERT INTO projects (id, team_id, name, description, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= projects; id++) {
                    String description = switch (id % 5) {
                        case 0 -> null;
                        case 1 -> LONG_TEXT;
                        case 2 -> "";
                        case 3 -> "Web shop \"Nova\" — it's the customer's\nmain checkout; 100% coverage goal 🎯";
                        default -> "Regression suite for release " + id;
                    };
                    ps.setLong(1, id);
                    ps.setLong(2, (id - 1) / 2 + 1);
                    ps.setString(3, (id % 2 == 1 ? "Web shop " : "Mobile app ") + id);
                    ps.setString(4, description);
                    ps.setObject(5, time(-300 + id));
                    ps.addBatch();
                }
                execute(ps, "projects", projects);
            }
        }

        private void milestones() throws SQLException {
            int count = 3 * projects;
            try (PreparedStatement ps = prepare("INSERT INTO milestones (id, project_id, title, due_date, budget) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= count; id++) {
                    ps.setInt(1, id);
                    ps.setLong(2, (id - 1) / 3 + 1);
                    ps.setString(3, "Release " + (2026 + id / 12) + "." + (id % 12 + 1) + (id % 6 == 0 ? " (Zoë's)" : ""));
                    ps.setObject(4, id % 4 == 0 ? null : LocalDate.of(2026, 3, 1).plusDays(7L * id), Types.DATE);
                    ps.setBigDecimal(5, id % 6 == 5 ? null : new BigDecimal(BUDGETS[id % BUDGETS.length]));
                    ps.addBatch();
                }
                execute(ps, "milestones", count);
            }
        }

        private void environments() throws SQLException {
            environments = 2 * projects;
            try (PreparedStatement ps = prepare("INSERT INTO environments (id, project_id, name, base_url, variables) "
                    + "VALUES (?, ?, ?, ?, " + json() + ")")) {
                for (int id = 1; id <= environments; id++) {
                    boolean staging = id % 2 == 1;
                    String variables = id % 5 == 0 ? null
                            : "{\"BASE_URL\": \"https://" + (staging ? "staging" : "www") + id + ".example.com\", "
                                    + "\"retries\": " + (id % 4) + ", \"headless\": " + staging + ", "
                                    + "\"note\": \"Zoë's \\\"" + (staging ? "staging" : "prod") + "\\\" env ✔\", "
                                    + "\"timeouts\": {\"page\": 30000, \"api\": 2.5}, \"tags\": [\"eu\", null]}";
                    ps.setLong(1, id);
                    ps.setLong(2, (id - 1) / 2 + 1);
                    ps.setString(3, staging ? "staging" : "production");
                    ps.setString(4, id % 7 == 0 ? null : "https://" + (staging ? "staging" : "www") + id + ".example.com/");
                    ps.setString(5, variables);
                    ps.addBatch();
                }
                execute(ps, "environments", environments);
            }
        }

        /**
         * Four suites per project with ids b+1..b+4: b+1 is a root, b+3 and b+4 are children of b+1,
         * and b+2 is a child of b+4 — its parent has a higher id than itself.
         */
        private void testSuites() throws SQLException {
            suites = 4 * projects;
            try (PreparedStatement ps = prepare("INSERT INTO test_suites (id, project_id, parent_id, name, position) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                for (int project = 1; project <= projects; project++) {
                    long base = 4L * (project - 1);
                    long[] parents = {0, base + 4, base + 1, base + 1};
                    for (int k : new int[] {0, 3, 2, 1}) { // parents before children
                        ps.setLong(1, base + k + 1);
                        ps.setLong(2, project);
                        ps.setObject(3, parents[k] == 0 ? null : parents[k], Types.BIGINT);
                        ps.setString(4, SUITE_NAMES[k] + (project % 3 == 0 ? " – " + project : ""));
                        ps.setInt(5, k);
                        ps.addBatch();
                    }
                }
                execute(ps, "test_suites", suites);
            }
        }

        private void testCases() throws SQLException {
            cases = 5 * suites;
            try (PreparedStatement ps = prepare("INSERT INTO test_cases (id, suite_id, title, steps, tags, priority, "
                    + "estimated_minutes, uuid) VALUES (?, ?, ?, " + json() + ", ?, ?, ?, " + uuid() + ")")) {
                for (int n = 0; n < cases; n++) {
                    ps.setLong(1, FIRST_TEST_CASE_ID + n);
                    ps.setLong(2, n / 5 + 1);
                    ps.setString(3, switch (n % 4) {
                        case 0 -> "User can log in with a valid password #" + n;
                        case 1 -> "Cart keeps 'special' items after \"refresh\" #" + n;
                        case 2 -> "Zoë 🚀 pays with a card ending 4242 #" + n;
                        default -> "ログインできる #" + n;
                    });
                    ps.setString(4, n % 6 == 0 ? null
                            : "[{\"step\": 1, \"action\": \"Open \\\"/login\\\"\", \"expected\": \"Form shows\"}, "
                                    + "{\"step\": 2, \"action\": \"Type 'zoë@example.com'\", \"expected\": \"Accepted ✔\"}]");
                    setTags(ps, 5, switch (n % 5) {
                        case 0 -> null;
                        case 1 -> List.of();
                        case 2 -> List.of("smoke", "login");
                        case 3 -> List.of("needs \"review\"", "a,b", "zoë");
                        default -> List.of("regression");
                    });
                    ps.setShort(6, (short) (1 + n % 4));
                    ps.setObject(7, n % 7 == 0 ? null : (n % 3 == 0 ? 12.3f : 0.25f * (n % 40)), Types.REAL);
                    ps.setString(8, uuid(random).toString());
                    ps.addBatch();
                }
                execute(ps, "test_cases", cases);
            }
        }

        private void testRuns() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO test_runs (id, case_id, environment_id, executed_by, status, "
                    + "started_at, finished_at, duration_ms, result_notes, screenshot, score) "
                    + "VALUES (?, ?, ?, ?, " + status() + ", ?, ?, ?, ?, ?, ?)")) {
                long id = 0;
                for (int n = 0; n < cases; n++) {
                    int project = (n / 5) / 4 + 1;
                    for (int r = 0; r < n % 3; r++) {
                        id++;
                        String status = STATUSES[random.nextInt(STATUSES.length)];
                        boolean finished = !status.equals("queued") && !status.equals("running");
                        LocalDateTime started = time(id);
                        long duration = 1 + random.nextInt(600_000);
                        ps.setLong(1, id);
                        ps.setLong(2, FIRST_TEST_CASE_ID + n);
                        ps.setObject(3, id % 7 == 0 ? null : 2L * project - (id % 2), Types.BIGINT);
                        ps.setObject(4, id % 9 == 0 ? null : 1 + (id % users), Types.BIGINT);
                        ps.setString(5, status);
                        ps.setObject(6, started);
                        ps.setObject(7, finished ? started.plusNanos(duration * 1_000_000L + 123_000L) : null, Types.TIMESTAMP);
                        ps.setObject(8, finished ? duration : null, Types.BIGINT);
                        ps.setString(9, switch ((int) (id % 6)) {
                            case 0 -> null;
                            case 1 -> LONG_TEXT;
                            case 2 -> "";
                            case 3 -> "Flaky on Safari; see O'Reilly's \"Testing\" book, p. 42\n\tretry ✔";
                            default -> status + " after " + duration + " ms";
                        });
                        ps.setBytes(10, id % 4 == 0 ? null : bytes(16 + random.nextInt(240)));
                        ps.setObject(11, id % 8 == 0 ? null : switch ((int) (id % 5)) {
                            case 0 -> 0.1;
                            case 1 -> -1.5e-7;
                            case 2 -> 1.0 / 3.0;
                            case 3 -> 123456789.125;
                            default -> random.nextDouble();
                        }, Types.DOUBLE);
                        ps.addBatch();
                    }
                }
                runs = (int) id;
                execute(ps, "test_runs", runs);
            }
        }

        private void sessions() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO session (id, user_id, token, expires_at) VALUES (?, ?, ?, ?)")) {
                int id = 0;
                for (int user = 1; user <= users; user += 2) {
                    ps.setLong(1, ++id);
                    ps.setLong(2, user);
                    ps.setString(3, "sess_" + hex(32));
                    ps.setObject(4, time(1000 + id));
                    ps.addBatch();
                }
                execute(ps, "session", id);
            }
        }

        private void passwordResetTokens() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO password_reset_token (id, user_id, token, expires_at) "
                    + "VALUES (?, ?, ?, ?)")) {
                int id = 0;
                for (int user = 5; user <= users; user += 5) {
                    ps.setLong(1, ++id);
                    ps.setLong(2, user);
                    ps.setString(3, "reset_" + hex(32));
                    ps.setObject(4, time(2000 + id));
                    ps.addBatch();
                }
                execute(ps, "password_reset_token", id);
            }
        }

        private void apiKeys() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO api_key (id, user_id, label, key_hash, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                int id = 0;
                for (int user = 3; user <= users; user += 3) {
                    ps.setLong(1, ++id);
                    ps.setLong(2, user);
                    ps.setString(3, id % 2 == 0 ? "CI pipeline" : "Zoë's laptop 🚀");
                    ps.setString(4, "sha256:" + hex(64));
                    ps.setObject(5, time(-100 + id));
                    ps.addBatch();
                }
                execute(ps, "api_key", id);
            }
        }

        private void authenticatorTokens() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO authenticator_token (id, user_id, totp_secret, created_at) "
                    + "VALUES (?, ?, ?, ?)")) {
                int id = 0;
                for (int user = 1; user <= users; user += 4) {
                    ps.setLong(1, ++id);
                    ps.setLong(2, user);
                    ps.setString(3, base32(32));
                    ps.setObject(4, time(-90 + id));
                    ps.addBatch();
                }
                execute(ps, "authenticator_token", id);
            }
        }

        private void attachments() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO attachment (id, test_run_id, file_name, content_type, content) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                int id = 0;
                for (long run = 1; run <= runs; run += 10) {
                    ps.setLong(1, ++id);
                    ps.setLong(2, run);
                    ps.setString(3, "screen-" + run + (id % 2 == 0 ? ".png" : " (Zoë).log"));
                    ps.setString(4, id % 2 == 0 ? "image/png" : "text/plain; charset=utf-8");
                    ps.setBytes(5, bytes(2048 + random.nextInt(2048)));
                    ps.addBatch();
                }
                execute(ps, "attachment", id);
            }
        }

        private void auditLog() throws SQLException {
            String[] actions = {"USER_SIGNED_IN", "PROJECT_CREATED", "TEST_RUN_FINISHED", "MEMBER_INVITED", "API_KEY_CREATED"};
            int count = 10 * scale;
            try (PreparedStatement ps = prepare("INSERT INTO audit_log (id, action, created_at, details) VALUES (?, ?, ?, ?)")) {
                for (int id = 1; id <= count; id++) {
                    ps.setLong(1, id);
                    ps.setString(2, actions[(id - 1) % actions.length]);
                    ps.setObject(3, time(3000 + id));
                    ps.setString(4, id % 3 == 0 ? null : "{\"userId\":" + (1 + id % users) + ",\"ip\":\"203.0.113." + id + "\"}");
                    ps.addBatch();
                }
                execute(ps, "audit_log", count);
            }
        }

        private void teamInvitations() throws SQLException {
            int count = 2 * teams;
            try (PreparedStatement ps = prepare("INSERT INTO team_invitation (id, team_id, email, token, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= count; id++) {
                    ps.setLong(1, id);
                    ps.setLong(2, (id - 1) / 2 + 1);
                    ps.setString(3, "invitee" + id + "@example.org");
                    ps.setString(4, "inv_" + hex(32));
                    ps.setObject(5, time(4000 + id));
                    ps.addBatch();
                }
                execute(ps, "team_invitation", count);
            }
        }

        private void enterpriseInquiries() throws SQLException {
            int count = 3 * scale;
            try (PreparedStatement ps = prepare("INSERT INTO enterprise_inquiry (id, company, contact_email, message, "
                    + "created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= count; id++) {
                    ps.setLong(1, id);
                    ps.setString(2, id % 2 == 0 ? "Müller & Söhne GmbH" : "O'Hara \"Big\" Corp " + id);
                    ps.setString(3, "buyer" + id + "@corp.example");
                    ps.setString(4, id % 3 == 0 ? null : "We need SSO for 500 seats; call us ☎");
                    ps.setObject(5, time(-50 + id));
                    ps.addBatch();
                }
                execute(ps, "enterprise_inquiry", count);
            }
        }

        private void jiraIntegrations() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO jira_integration (id, team_id, site_url, oauth_token) "
                    + "VALUES (?, ?, ?, ?)")) {
                int id = 0;
                for (int team = 1; team <= teams; team += 2) {
                    ps.setLong(1, ++id);
                    ps.setLong(2, team);
                    ps.setString(3, "https://team" + team + ".atlassian.example");
                    ps.setString(4, "jira_oauth_" + hex(40));
                    ps.addBatch();
                }
                execute(ps, "jira_integration", id);
            }
        }

        private void jiraIssues() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO jira_issue (id, test_run_id, issue_key, summary) "
                    + "VALUES (?, ?, ?, ?)")) {
                int id = 0;
                for (long run = 3; run <= runs; run += 7) {
                    ps.setLong(1, ++id);
                    ps.setLong(2, run);
                    ps.setString(3, "QA-" + (100 + id));
                    ps.setString(4, id % 4 == 0 ? null : "Run " + run + " failed: \"Pay now\" missing");
                    ps.addBatch();
                }
                execute(ps, "jira_issue", id);
            }
        }

        private void slackIntegrations() throws SQLException {
            try (PreparedStatement ps = prepare("INSERT INTO slack_integration (id, team_id, channel, webhook_url, "
                    + "oauth_token) VALUES (?, ?, ?, ?, ?)")) {
                int id = 0;
                for (int team = 1; team <= teams; team++) {
                    if (team % 3 == 0) {
                        continue;
                    }
                    ps.setLong(1, ++id);
                    ps.setLong(2, team);
                    ps.setString(3, "#qa-" + team);
                    ps.setString(4, "https://hooks.slack.example/services/T" + hex(8) + "/B" + hex(8) + "/" + hex(24));
                    ps.setString(5, "xoxb-" + hex(48));
                    ps.addBatch();
                }
                execute(ps, "slack_integration", id);
            }
        }

        /** Moves identity columns and sequences past the explicit ids (MariaDB does so by itself). */
        private void restartIdentities() throws SQLException {
            if (database == Database.MARIADB) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : QaAppSchema.ALL_TABLES) {
                    if (table.equals("team_members") || table.equals("test_cases")) {
                        continue; // no generated id
                    }
                    long next;
                    try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
                        rs.next();
                        next = rs.getLong(1);
                    }
                    statement.execute(database == Database.POSTGRESQL
                            ? "SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " + next + ", false)"
                            : "ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
                }
            }
        }

        // ---- helpers ------------------------------------------------------------------------

        private PreparedStatement prepare(String sql) throws SQLException {
            return connection.prepareStatement(sql);
        }

        private void execute(PreparedStatement ps, String table, int rows) throws SQLException {
            if (rows == 0) {
                throw new IllegalStateException("the sample data for table '" + table + "' is empty at scale " + scale);
            }
            ps.executeBatch();
            counts.put(table, rows);
        }

        /** A JSON parameter: PostgreSQL casts text to jsonb, H2 parses it, MariaDB stores the text. */
        private String json() {
            return switch (database) {
                case POSTGRESQL -> "CAST(? AS jsonb)";
                case H2 -> "? FORMAT JSON";
                case MARIADB -> "?";
            };
        }

        private String uuid() {
            return switch (database) {
                case POSTGRESQL -> "CAST(? AS uuid)";
                case H2 -> "CAST(? AS UUID)";
                case MARIADB -> "?";
            };
        }

        private String status() {
            return database == Database.POSTGRESQL ? "CAST(? AS run_status)" : "?";
        }

        /** PostgreSQL text[] and H2 VARCHAR ARRAY take an SQL array; MariaDB a JSON array. */
        private void setTags(PreparedStatement ps, int index, List<String> tags) throws SQLException {
            if (database == Database.MARIADB) {
                ps.setString(index, tags == null ? null : jsonArray(tags));
            } else if (tags == null) {
                ps.setNull(index, Types.ARRAY);
            } else {
                ps.setArray(index, connection.createArrayOf(database == Database.POSTGRESQL ? "text" : "VARCHAR",
                        tags.toArray()));
            }
        }

        /**
         * MariaDB's TIMESTAMP has no offset and its driver converts through the JVM's time zone, so
         * the instant goes in as epoch seconds: FROM_UNIXTIME gives the session's local time, which
         * the server converts back to the same instant. The same rows whatever the JVM's zone.
         */
        private String timestampWithTimeZone() {
            return database == Database.MARIADB ? "FROM_UNIXTIME(?)" : "?";
        }

        private void setTimestampWithTimeZone(PreparedStatement ps, int index, OffsetDateTime value) throws SQLException {
            if (database == Database.MARIADB) {
                ps.setBigDecimal(index, value == null ? null
                        : BigDecimal.valueOf(value.toEpochSecond()).add(BigDecimal.valueOf(value.getNano() / 1_000, 6)));
            } else if (value == null) {
                ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(index, value, Types.TIMESTAMP_WITH_TIMEZONE);
            }
        }

        /** A local time around {@link #EPOCH}, {@code hours} hours away, with random microseconds. */
        private LocalDateTime time(long hours) {
            return EPOCH.plusHours(hours).plusSeconds(random.nextInt(3600)).plusNanos(random.nextInt(1_000_000) * 1_000L);
        }

        private OffsetDateTime instant(int n) {
            ZoneOffset[] offsets = {ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHoursMinutes(-5, -30),
                ZoneOffset.ofHours(9)};
            return time(200 + n).atOffset(offsets[n % offsets.length]);
        }

        private byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            bytes[0] = (byte) 0x89; // PNG signature start; not valid UTF-8
            return bytes;
        }

        private String hex(int length) {
            StringBuilder hex = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                hex.append(Character.forDigit(random.nextInt(16), 16));
            }
            return hex.toString();
        }

        private String base32(int length) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        private static UUID uuid(Random random) {
            long most = (random.nextLong() & ~0xF000L) | 0x4000L;
            long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(most, least);
        }

        private static String jsonArray(List<String> values) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < values.size(); i++) {
                json.append(i == 0 ? "" : ", ").append('"');
                for (char c : values.get(i).toCharArray()) {
                    switch (c) {
                        case '"' -> json.append("\\\"");
                        case '\\' -> json.append("\\\\");
                        default -> json.append(c);
                    }
                }
                json.append('"');
            }
            return json.append(']').toString();
        }
    }
}
