package org.ganymede.proxy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable trie keyed by path segments; updates return a new trie sharing untouched nodes.
 *
 * <p>Segments are what CHP's {@code stringToPath} makes: leading and trailing slashes are
 * stripped and the rest is split on {@code /} (so {@code a//b} has an empty middle segment).
 * Lookups allocate only the segment strings and take no lock, so the hot path can read a
 * snapshot published through a volatile field.
 */
final class RouteTrie<V> {
  private static final RouteTrie<?> EMPTY = new RouteTrie<>(new Node<>(null, Map.of()));

  private final Node<V> root;

  private RouteTrie(Node<V> root) {
    this.root = root;
  }

  @SuppressWarnings("unchecked")
  static <V> RouteTrie<V> empty() {
    return (RouteTrie<V>) EMPTY;
  }

  /** Returns a trie where {@code path} maps to {@code value}. */
  RouteTrie<V> with(String path, V value) {
    return new RouteTrie<>(put(root, segments(path), 0, value));
  }

  /** Returns a trie without a value at {@code path} (the same trie if there was none). */
  RouteTrie<V> without(String path) {
    Node<V> after = remove(root, segments(path), 0);
    return after == root ? this : new RouteTrie<>(after == null ? new Node<>(null, Map.of()) : after);
  }

  /** The value at the longest prefix of {@code path} that has one, or {@code null}. */
  V longestPrefix(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    Node<V> node = root;
    V best = node.value;
    while (start < end) {
      int slash = path.indexOf('/', start);
      if (slash < 0 || slash > end) {
        slash = end;
      }
      node = node.children.get(path.substring(start, slash));
      if (node == null) {
        break;
      }
      if (node.value != null) {
        best = node.value;
      }
      start = slash + 1;
    }
    return best;
  }

  static List<String> segments(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    List<String> parts = new ArrayList<>();
    while (start < end) {
      int slash = path.indexOf('/', start);
      if (slash < 0 || slash > end) {
        slash = end;
      }
      parts.add(path.substring(start, slash));
      start = slash + 1;
    }
    return parts;
  }

  private static <V> Node<V> put(Node<V> node, List<String> parts, int i, V value) {
    if (i == parts.size()) {
      return new Node<>(value, node.children);
    }
    Node<V> child = node.children.get(parts.get(i));
    Node<V> newChild = put(child == null ? new Node<>(null, Map.of()) : child, parts, i + 1, value);
    Map<String, Node<V>> children = new HashMap<>(node.children);
    children.put(parts.get(i), newChild);
    return new Node<>(node.value, Map.copyOf(children));
  }

  /** Returns the node after removal, {@code null} if it became empty, or {@code node} if unchanged. */
  private static <V> Node<V> remove(Node<V> node, List<String> parts, int i) {
    if (i == parts.size()) {
      if (node.value == null) {
        return node;
      }
      return node.children.isEmpty() ? null : new Node<>(null, node.children);
    }
    Node<V> child = node.children.get(parts.get(i));
    if (child == null) {
      return node;
    }
    Node<V> newChild = remove(child, parts, i + 1);
    if (newChild == child) {
      return node;
    }
    Map<String, Node<V>> children = new HashMap<>(node.children);
    if (newChild == null) {
      children.remove(parts.get(i));
    } else {
      children.put(parts.get(i), newChild);
    }
    if (children.isEmpty() && node.value == null) {
      return null;
    }
    return new Node<>(node.value, Map.copyOf(children));
  }

  private record Node<V>(V value, Map<String, Node<V>> children) {}
}
