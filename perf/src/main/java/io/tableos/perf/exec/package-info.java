/** JMH benchmarks of the SQL executor over a one-node commit path: point select, insert, range scan, aggregate, planning. */
package io.tableos.perf.exec;
