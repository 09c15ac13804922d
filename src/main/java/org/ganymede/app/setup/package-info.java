/**
 * Host setup for the no-root path and its diagnosis: {@link org.ganymede.app.setup.Setup} runs an
 * ordered list of idempotent {@code Step}s (service user, group, sudoers grant, helper, PAM service,
 * secrets, systemd unit, SELinux module), {@link org.ganymede.app.setup.Doctor} checks them.
 * {@link org.ganymede.app.setup.Layout} says where everything goes.
 */
package org.ganymede.app.setup;
