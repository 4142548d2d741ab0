/**
 * The PrimeFaces web app: backing beans ({@code XxxView}) per page folder, the lazy table model their paged tables
 * share ({@link org.strokescan.web.LazyRows}), the layout of tables exported as PDF
 * ({@link org.strokescan.web.PdfExport}), the filters that every response passes, and two Faces hooks: form
 * actions that keep their page's address, and expired views that open their page again. Views call boundaries
 * only — never an EntityManager, HAPI or DJL type.
 */
package org.strokescan.web;
