/**
 * The PrimeFaces web app: backing beans ({@code XxxView}) per page folder, the lazy table model their paged tables
 * share ({@link org.strokescan.web.LazyRows}), the layout of tables exported as PDF
 * ({@link org.strokescan.web.PdfExport}), plus the filters that every response passes. Views call boundaries
 * only — never an EntityManager, HAPI or DJL type.
 */
package org.strokescan.web;
