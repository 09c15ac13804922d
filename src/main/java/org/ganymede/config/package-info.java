/**
 * Configuration: JupyterHub's class and trait names, read from YAML, {@code jupyterhub_config.py}
 * literals, the environment and {@code --Class.trait=value} options, validated once into immutable
 * records.
 *
 * <p>Words used here:
 *
 * <ul>
 *   <li><b>class</b>: a JupyterHub configurable class name such as {@code JupyterHub},
 *       {@code Authenticator} or {@code LocalProcessSpawner}; classes form the same inheritance
 *       tree as in JupyterHub, so {@code c.Spawner.cmd} applies to every spawner;
 *   <li><b>trait</b>: one option of a class ({@code port}, {@code admin_users});
 *   <li><b>assignment</b>: one {@code Class.trait = value} read from one {@link Source};
 *   <li><b>effective value</b>: the value a running class sees, chosen as traitlets does: the most
 *       specific class that sets the trait wins; for the same class, CLI beats env beats file
 *       beats the default.
 * </ul>
 *
 * <p>Entry point: {@link ConfigLoader#load(ConfigSources)}. Free-form values (dicts of anything,
 * such as {@code info} or {@code template_vars}) are exposed as Jackson {@code JsonNode} copies
 * because they end up in JSON or templates. Secrets are {@link Secret} and never print.
 */
package org.ganymede.config;
