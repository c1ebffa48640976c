package dev.fargatedoctor.report;

import dev.fargatedoctor.snapshot.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown for a terminal: headings underlined, paragraphs and list items wrapped to the width,
 * code blocks indented and never wrapped (they must paste), emphasis in ANSI when colours are on.
 * Every piece of text is escaped first: a control character in a document cannot reach the
 * terminal.
 */
public final class TerminalMarkdown {
  private static final Parser PARSER = Parser.builder().build();

  private final Ansi ansi;
  private final boolean color;
  private final int width;

  public TerminalMarkdown(boolean color, int width) {
    this.ansi = new Ansi(color);
    this.color = color;
    this.width = width;
  }

  public void render(String markdown, PrintWriter out) {
    List<String> lines = new ArrayList<>();
    blocks(PARSER.parse(markdown), "", lines);
    // blocks are separated by one blank line; none leads or trails
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    lines.forEach(out::println);
    out.flush();
  }

  private void blocks(Node parent, String indent, List<String> lines) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      block(n, indent, lines);
      boolean tightItem = parent instanceof ListItem li && isTight(li);
      if (!tightItem && !(n instanceof BulletList || n instanceof OrderedList)) lines.add("");
    }
  }

  private void block(Node n, String indent, List<String> lines) {
    if (n instanceof Heading h) {
      Words words = inline(h, true);
      lines.addAll(words.wrap(indent, indent, width));
      if (h.getLevel() <= 2) {
        int underline = Math.min(words.visibleLength(), width - indent.length());
        lines.add(indent + ansi.dim((h.getLevel() == 1 ? "=" : "-").repeat(underline)));
      }
    } else if (n instanceof Paragraph) {
      lines.addAll(inline(n, false).wrap(indent, indent, width));
    } else if (n instanceof BulletList || n instanceof OrderedList) {
      int number = n instanceof OrderedList o ? start(o) : 0;
      for (Node item = n.getFirstChild(); item != null; item = item.getNext()) {
        String marker = n instanceof OrderedList ? number++ + ". " : "• ";
        List<String> itemLines = new ArrayList<>();
        blocks(item, indent + " ".repeat(marker.length() + 2), itemLines);
        while (!itemLines.isEmpty() && itemLines.get(itemLines.size() - 1).isBlank()) {
          itemLines.remove(itemLines.size() - 1);
        }
        // the marker takes the place of the first line's indent
        if (!itemLines.isEmpty()) {
          String first = itemLines.get(0);
          itemLines.set(
              0, indent + "  " + marker + first.substring(indent.length() + marker.length() + 2));
        }
        lines.addAll(itemLines);
      }
      lines.add("");
    } else if (n instanceof FencedCodeBlock c) {
      code(c.getLiteral(), indent, lines);
    } else if (n instanceof IndentedCodeBlock c) {
      code(c.getLiteral(), indent, lines);
    } else if (n instanceof BlockQuote) {
      List<String> quoted = new ArrayList<>();
      blocks(n, "", quoted);
      while (!quoted.isEmpty() && quoted.get(quoted.size() - 1).isBlank()) {
        quoted.remove(quoted.size() - 1);
      }
      quoted.forEach(l -> lines.add(indent + ansi.dim("│ ") + l));
    } else if (n instanceof ThematicBreak) {
      lines.add(indent + ansi.dim("─".repeat(Math.min(40, width - indent.length()))));
    } else if (n instanceof HtmlBlock h) {
      h.getLiteral().lines().forEach(l -> lines.add(indent + SafeText.plain(l)));
    } else {
      lines.addAll(inline(n, false).wrap(indent, indent, width));
    }
  }

  private static int start(OrderedList o) {
    Integer start = o.getMarkerStartNumber();
    return start == null ? 1 : start;
  }

  private static boolean isTight(ListItem item) {
    return item.getParent() instanceof BulletList b
        ? b.isTight()
        : item.getParent() instanceof OrderedList o && o.isTight();
  }

  // Code is shown as written, four spaces in, each line escaped; too long a line runs on rather
  // than break a command someone will paste.
  private void code(String literal, String indent, List<String> lines) {
    for (String line : literal.stripTrailing().split("\n", -1)) {
      lines.add(indent + "    " + (line.isEmpty() ? "" : codeStyle(SafeText.plain(line))));
    }
  }

  private String codeStyle(String s) {
    return color ? "\u001b[36m" + s + "\u001b[0m" : s;
  }

  private Words inline(Node parent, boolean bold) {
    Words words = new Words();
    inlines(parent, bold ? Style.BOLD : Style.PLAIN, words);
    return words;
  }

  private void inlines(Node parent, Style style, Words words) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof Text t) {
        words.add(t.getLiteral(), style);
      } else if (n instanceof Code c) {
        words.add(color ? c.getLiteral() : "`" + c.getLiteral() + "`", Style.CODE);
      } else if (n instanceof StrongEmphasis) {
        inlines(n, Style.BOLD, words);
      } else if (n instanceof Emphasis) {
        inlines(n, style == Style.BOLD ? Style.BOLD : Style.ITALIC, words);
      } else if (n instanceof Link l) {
        inlines(n, style, words);
        words.add(" <" + l.getDestination() + ">", Style.DIM);
      } else if (n instanceof SoftLineBreak) {
        words.add(" ", style);
      } else if (n instanceof HardLineBreak) {
        words.breakLine();
      } else if (n instanceof HtmlInline h) {
        words.add(h.getLiteral(), style);
      } else {
        inlines(n, style, words);
      }
    }
  }

  private enum Style {
    PLAIN,
    BOLD,
    ITALIC,
    CODE,
    DIM
  }

  /** Words already escaped and styled, with their visible lengths, to wrap at a width. */
  private final class Words {
    private final List<String> styled = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private int wordLength;
    private static final String BREAK = "\n";

    void add(String text, Style style) {
      String safe = SafeText.plain(text);
      int i = 0;
      while (i < safe.length()) {
        int j = i;
        if (Character.isWhitespace(safe.charAt(i))) {
          while (j < safe.length() && Character.isWhitespace(safe.charAt(j))) j++;
          finishWord();
        } else {
          while (j < safe.length() && !Character.isWhitespace(safe.charAt(j))) j++;
          String piece = safe.substring(i, j);
          word.append(style(piece, style));
          wordLength += piece.length();
        }
        i = j;
      }
    }

    void breakLine() {
      finishWord();
      styled.add(BREAK);
      lengths.add(0);
    }

    private void finishWord() {
      if (wordLength == 0) return;
      styled.add(word.toString());
      lengths.add(wordLength);
      word.setLength(0);
      wordLength = 0;
    }

    int visibleLength() {
      finishWord();
      int total = 0;
      for (int i = 0; i < lengths.size(); i++) total += lengths.get(i) + (i == 0 ? 0 : 1);
      return total;
    }

    List<String> wrap(String firstIndent, String indent, int width) {
      finishWord();
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder(firstIndent);
      int length = firstIndent.length();
      boolean empty = true;
      for (int i = 0; i < styled.size(); i++) {
        String w = styled.get(i);
        int n = lengths.get(i);
        if (w.equals(BREAK) || (!empty && length + 1 + n > width)) {
          lines.add(line.toString());
          line.setLength(0);
          line.append(indent);
          length = indent.length();
          empty = true;
          if (w.equals(BREAK)) continue;
        }
        if (!empty) {
          line.append(' ');
          length++;
        }
        line.append(w);
        length += n;
        empty = false;
      }
      if (!empty) lines.add(line.toString());
      return lines;
    }

    private String style(String s, Style style) {
      return switch (style) {
        case PLAIN -> s;
        case BOLD -> ansi.bold(s);
        case DIM -> ansi.dim(s);
        case ITALIC -> color ? "\u001b[3m" + s + "\u001b[0m" : s;
        case CODE -> codeStyle(s);
      };
    }
  }
}
