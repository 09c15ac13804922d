package org.ganymede.auth.oauth;

/** The provider could not be reached or answered nonsense: the user can only try again later. */
final class ProviderUnavailable extends Exception {
  private static final long serialVersionUID = 1L;

  ProviderUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
