/**
 * {@code ganymede import-jupyterhub}: reads a JupyterHub database (read-only, checked first) into a
 * {@link org.ganymede.app.jhimport.JupyterHubSnapshot} and writes it into Ganymede's database in
 * one transaction.
 */
package org.ganymede.app.jhimport;
