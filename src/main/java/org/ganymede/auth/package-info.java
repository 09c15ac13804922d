/**
 * Login: the {@link org.ganymede.auth.Authenticator} SPI and the one fixed pipeline around it,
 * {@link org.ganymede.auth.LoginFlow}: authenticate → normalize → validate → blocked → allowed →
 * admin. Implementations live in sub-packages ({@code dummy}, {@code pam}) and only check
 * credentials; every policy decision is the pipeline's.
 */
package org.ganymede.auth;
