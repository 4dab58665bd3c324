/** The node's main, configuration, limits, metrics and lifecycle: wires the layers together. */
package io.tableos.db.sys;
