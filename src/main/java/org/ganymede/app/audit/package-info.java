/**
 * {@code ganymede audit}: the security checklist of Trusted CI's JupyterHub security review (2021,
 * single-server JupyterHub deployments) run against a configuration and this host. Each {@link
 * org.ganymede.app.audit.Check} is one small class that returns one {@link
 * org.ganymede.app.check.Finding}: PASS, WARN or FAIL, why, and the exact fix (checks doctor runs too
 * are written once in {@code app.check}; their classes here only gather the facts). Checks read the
 * host only through {@link org.ganymede.app.audit.HostFacts}, so tests give them fixture files.
 */
package org.ganymede.app.audit;
