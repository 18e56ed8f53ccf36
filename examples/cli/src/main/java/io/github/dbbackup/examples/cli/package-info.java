/**
 * The dbbackup operator command line ({@code java -jar dbbackup.jar <command>}): {@code backup},
 * {@code restore}, {@code verify}, {@code list}, {@code prune}, {@code pin}, {@code unpin} and
 * {@code demo}, built on the public API of backup-core, backup-jdbc and backup-storage-fs.
 *
 * <p>Stability: example code; the command contract (commands, options, exit codes, the last line of
 * {@code backup}, the JSON of {@code list --json}) is stable, the classes are not. Non-null by default.
 */
package io.github.dbbackup.examples.cli;
