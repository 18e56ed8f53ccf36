package io.github.dbbackup.core;

import java.util.List;

/**
 * The configuration or the plan is invalid: fix the code or the config that built it. Carries every
 * problem found, not just the first.
 *
 * @since 0.1
 */
public class BackupConfigurationException extends BackupException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /**
     * Creates an exception for one problem.
     *
     * @param message the problem, naming property, value and rule
     */
    public BackupConfigurationException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /**
     * Creates an exception for several problems, reported at once.
     *
     * @param summary what was being validated
     * @param problems each problem, naming property, value and rule
     */
    public BackupConfigurationException(String summary, List<String> problems) {
        super(summary + (problems.size() == 1 ? ": " : ":\n  - ") + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns every problem found.
     *
     * @return the problems, never empty
     */
    public List<String> problems() {
        return problems;
    }
}
