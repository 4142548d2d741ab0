/**
 * The PrimeFaces web app: backing beans ({@code XxxView}) per page folder, plus the filters that every
 * response passes. Views call boundaries only — never an EntityManager, HAPI or DJL type.
 */
package org.strokescan.web;
