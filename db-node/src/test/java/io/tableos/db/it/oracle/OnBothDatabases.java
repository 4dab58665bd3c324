package io.tableos.db.it.oracle;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method twice, once against PostgreSQL 15 and once against a TableOS node, passing
 * the {@link Database} as a parameter: the same program and assertions on both. PostgreSQL runs
 * first, so a wrong expectation fails on the oracle before it says anything about TableOS.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(BothDatabases.class)
public @interface OnBothDatabases {}
