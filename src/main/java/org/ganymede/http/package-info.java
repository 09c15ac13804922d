/**
 * HTTP plumbing shared by the API and the pages: the {@link org.ganymede.http.HttpException} family,
 * the one place that renders errors, JSON with JupyterHub's timestamp format, and cookies. It knows
 * nothing about users.
 */
package org.ganymede.http;
