-- A script in the project's format: statements end with ';' at the end of a line.
CREATE TABLE note (
    id    INTEGER PRIMARY KEY,
    body  VARCHAR(200) NOT NULL
);

-- a ';' inside a line does not end the statement
INSERT INTO note (id, body) VALUES (1, 'one; still one');
INSERT INTO note (id, body)
VALUES (2, 'two -- not a comment');
INSERT INTO note (id, body) VALUES (3, 'Zoë 🚀');
