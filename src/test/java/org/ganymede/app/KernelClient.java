package org.ganymede.app;

import java.net.http.WebSocket;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ganymede.http.Json;
import tools.jackson.databind.JsonNode;

/** Runs code in a Jupyter kernel over its channels WebSocket and returns what it printed. */
public final class KernelClient {
  private KernelClient() {}

  public static String execute(Browser browser, String prefix, String kernelId, String code) throws Exception {
    CompletableFuture<String> output = new CompletableFuture<>();
    String msgId = UUID.randomUUID().toString();
    StringBuilder partial = new StringBuilder();
    WebSocket.Listener listener = new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          JsonNode msg = Json.MAPPER.readTree(partial.toString());
          partial.setLength(0);
          boolean mine = msg.path("parent_header").path("msg_id").asString("").equals(msgId);
          String type = msg.path("msg_type").asString(msg.path("header").path("msg_type").asString(""));
          if (mine && type.equals("stream")) output.complete(msg.path("content").path("text").asString());
          if (mine && type.equals("error")) output.completeExceptionally(new AssertionError(msg.toString()));
        }
        ws.request(1);
        return null;
      }
    };
    WebSocket ws = browser.websocket(prefix + "api/kernels/" + kernelId + "/channels", listener);
    Map<String, Object> request = Map.of(
        "header", Map.of("msg_id", msgId, "username", "test", "session", UUID.randomUUID().toString(),
            "msg_type", "execute_request", "version", "5.3"),
        "parent_header", Map.of(), "metadata", Map.of(), "channel", "shell", "buffers", java.util.List.of(),
        "content", Map.of("code", code, "silent", false, "store_history", false, "user_expressions", Map.of(),
            "allow_stdin", false, "stop_on_error", true));
    ws.sendText(Json.write(request), true).join();
    try {
      return output.get(60, TimeUnit.SECONDS).strip();
    } finally {
      ws.abort();
    }
  }
}
