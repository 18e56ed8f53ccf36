/**
 * The manifest model: what a complete set holds (docs/FORMAT.md) - tables, their column schemas, parts and checksums, and where the rows came from.
 *
 * <p>Stability: public API. Everything in this package is non-null unless a member's documentation says
 * otherwise; absent values are empty collections or {@link java.util.Optional} return values.
 */
package io.github.dbbackup.core.manifest;
