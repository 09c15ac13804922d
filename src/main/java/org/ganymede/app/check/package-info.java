/**
 * What {@code ganymede doctor} ({@code app.setup}) and {@code ganymede audit} ({@code app.audit})
 * share: the result model ({@link org.ganymede.app.check.Finding}, {@link
 * org.ganymede.app.check.Status}), the checks both commands run, each written once as a judgement
 * of plain facts ({@link org.ganymede.app.check.SudoGrant}, {@link
 * org.ganymede.app.check.SelinuxPolicy}, {@link org.ganymede.app.check.ShadowAccess}), and the one
 * reader of the host ({@link org.ganymede.app.check.Host}): commands, users and groups, file
 * owners and modes. Each command gathers the facts its own way (audit from files and the
 * configuration, doctor from live commands) and renders the findings in its own format.
 */
package org.ganymede.app.check;
