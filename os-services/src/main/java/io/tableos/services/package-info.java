/**
 * The OS services (each in a package of its own: {@code sched}, {@code pgmq}, ...) and what their
 * module classes share ({@link io.tableos.services.ProcedureValues}).
 */
package io.tableos.services;
