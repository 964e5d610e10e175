package org.censorprobe.reporter.render;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A real CommonMark renderer (commonmark-java, with GitHub's tables and strikethrough): what a reader of a
 * published Markdown report sees. Tests read the syntax tree it builds, not our own guess of it.
 */
final class CommonMark {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).build();

  private CommonMark() {}

  static Node parse(String markdown) {
    return PARSER.parse(markdown);
  }

  static String html(String markdown) {
    return HTML.render(parse(markdown));
  }

  /** The text a reader sees under {@code node}: its text and code spans' literals, in order. */
  static String text(Node node) {
    StringBuilder b = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        b.append(text.getLiteral());
      }

      @Override
      public void visit(Code code) {
        b.append(code.getLiteral());
      }
    });
    return b.toString();
  }

  /**
   * Markup the data could have smuggled in: inline or block HTML, links, images, code spans, emphasis,
   * strikethrough. Each as its node's class name.
   */
  static List<String> markup(Node node) {
    List<String> found = new ArrayList<>();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(HtmlInline n) {
        found.add("HtmlInline " + n.getLiteral());
      }

      @Override
      public void visit(HtmlBlock n) {
        found.add("HtmlBlock " + n.getLiteral());
      }

      @Override
      public void visit(Link n) {
        found.add("Link " + n.getDestination());
        visitChildren(n);
      }

      @Override
      public void visit(Image n) {
        found.add("Image " + n.getDestination());
        visitChildren(n);
      }

      @Override
      public void visit(Code n) {
        found.add("Code " + n.getLiteral());
      }

      @Override
      public void visit(Emphasis n) {
        found.add("Emphasis");
        visitChildren(n);
      }

      @Override
      public void visit(StrongEmphasis n) {
        found.add("StrongEmphasis");
        visitChildren(n);
      }

      @Override
      public void visit(CustomNode n) {
        found.add(n.getClass().getSimpleName());
        visitChildren(n);
      }
    });
    return found;
  }
}
