package org.ganymede.api;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code full_url} and {@code full_progress_url} of server models (JupyterHub 4+): absolute
 * URLs when they can be known without guessing from a request, that is when the server's
 * {@code url} is already absolute (per-user subdomains) or {@code JupyterHub.public_url} is set;
 * null otherwise. The public URL gives the scheme, host and port; the path is the server's.
 */
record FullUrls(Optional<URI> publicUrl) {
  /** From {@code JupyterHub.public_url}; empty means not configured. */
  static FullUrls of(String publicUrl) {
    return new FullUrls(publicUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(publicUrl)));
  }

  /** Fills the two fields of each server model in {@code servers} (name → model), in place. */
  @SuppressWarnings("unchecked")
  Map<String, Object> fill(Map<String, Object> servers) {
    for (Object model : servers.values()) {
      if (model instanceof Map<?, ?> m) fillOne((Map<String, Object>) m);
    }
    return servers;
  }

  private void fillOne(Map<String, Object> model) {
    String url = String.valueOf(model.get("url"));
    Object fullUrl = url.contains("://") ? url : null;
    Object fullProgressUrl = null;
    if (publicUrl.isPresent()) {
      fullProgressUrl = withPath(String.valueOf(model.get("progress_url")));
      if (fullUrl == null) fullUrl = withPath(url);
    }
    model.put("full_url", fullUrl);
    model.put("full_progress_url", fullProgressUrl);
  }

  /** The public URL with its path replaced (query and fragment kept, as Python's {@code _replace}). */
  private String withPath(String path) {
    URI u = publicUrl.orElseThrow();
    StringBuilder out = new StringBuilder().append(u.getScheme()).append("://").append(u.getRawAuthority()).append(path);
    if (u.getRawQuery() != null) out.append('?').append(u.getRawQuery());
    if (u.getRawFragment() != null) out.append('#').append(u.getRawFragment());
    return out.toString();
  }
}
