/**
 * The quickstart: dbbackup embedded in a program, backing up an embedded H2 database into a local
 * folder. Its {@code tag::embed[]} region is quoted in the README (a test keeps them equal).
 *
 * <p>Stability: example code. Non-null by default.
 */
package io.github.dbbackup.examples.quickstart;
