package org.censorprobe.probe.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small HTML tree for the status page: text and attribute values are escaped when the tree is written, never
 * by whoever builds it, so no evidence sentence, blockpage title or config path can ever become markup. Tag and
 * attribute names are the code's own constants (checked); the only raw text is a {@code style} element's, which
 * must come from the code and may not contain '<'.
 */
final class Html {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final List<String> VOID = List.of("meta", "br", "link", "hr");

  private Html() {}

  sealed interface Node permits Element, Text {}

  record Text(String text) implements Node {}

  record Attr(String name, String value) {
    Attr {
      if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("attribute name " + name);
    }
  }

  record Element(String tag, List<Attr> attrs, List<Node> children) implements Node {
    Element {
      if (!NAME.matcher(tag).matches()) throw new IllegalArgumentException("tag " + tag);
      attrs = List.copyOf(attrs);
      children = List.copyOf(children);
      if (tag.equals("style")) {
        for (Node n : children) {
          if (!(n instanceof Text t) || t.text().indexOf('<') >= 0) {
            throw new IllegalArgumentException("a style element holds plain CSS without '<'");
          }
        }
      }
    }
  }

  static Attr attr(String name, Object value) {
    return new Attr(name, String.valueOf(value));
  }

  static Text text(Object value) {
    return new Text(value == null ? "" : value.toString());
  }

  /**
   * An element; {@code content} holds {@link Attr}s, {@link Node}s, collections of nodes, and other values,
   * which become text. Nulls are skipped, so optional parts can be written inline.
   */
  static Element el(String tag, Object... content) {
    List<Attr> attrs = new ArrayList<>();
    List<Node> children = new ArrayList<>();
    for (Object c : content) add(c, attrs, children);
    return new Element(tag, attrs, children);
  }

  private static void add(Object c, List<Attr> attrs, List<Node> children) {
    if (c == null) return;
    if (c instanceof Attr a) attrs.add(a);
    else if (c instanceof Node n) children.add(n);
    else if (c instanceof Collection<?> many) for (Object o : many) add(o, attrs, children);
    else children.add(text(c));
  }

  /** The document: a doctype and {@code root}. */
  static String document(Element root) {
    StringBuilder b = new StringBuilder(16 * 1024).append("<!doctype html>\n");
    write(root, b);
    return b.append('\n').toString();
  }

  private static void write(Node n, StringBuilder b) {
    if (n instanceof Text t) {
      escape(t.text(), b);
      return;
    }
    Element e = (Element) n;
    b.append('<').append(e.tag());
    for (Attr a : e.attrs()) {
      b.append(' ').append(a.name()).append("=\"");
      escape(a.value(), b);
      b.append('"');
    }
    b.append('>');
    if (VOID.contains(e.tag())) return;
    for (Node c : e.children()) {
      if (e.tag().equals("style")) b.append(((Text) c).text());
      else write(c, b);
    }
    b.append("</").append(e.tag()).append('>');
  }

  /** Attribute values are always written in double quotes, so an apostrophe needs no escaping anywhere. */
  static void escape(String s, StringBuilder b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
  }
}
