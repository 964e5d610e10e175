package org.censorprobe.probe.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;

/** Turns targets.yaml into a {@link ProbeConfig}, or into every problem it has, with line numbers. No I/O but reading files. */
public final class ConfigLoader {
  /** A real config is a few KiB; refusing larger files bounds memory and parse time. */
  static final long MAX_CONFIG_BYTES = 1L << 20;

  private ConfigLoader() {}

  /**
   * A valid config, its warnings (what it shows of controls that depend on each other, never a refusal) and the
   * line each of its values was read from.
   */
  public record Checked(ProbeConfig config, List<ConfigProblem> warnings, SourceLines lines) {
    public Checked {
      warnings = List.copyOf(warnings);
    }
  }

  public static ProbeConfig load(Path file) throws ConfigException {
    return check(file).config();
  }

  /** As {@link #load}, with the warnings, in file order, in the same FILE:LINE form as problems. */
  public static Checked check(Path file) throws ConfigException {
    ProblemList problems = new ProblemList(file.toString());
    ProblemList warnings = new ProblemList(file.toString());
    String text = readText(file, problems);
    if (text == null) throw new ConfigException(problems.inFileOrder());
    YamlNode root = new YamlTreeReader(problems).read(text);
    if (!problems.isEmpty() && root == null) throw new ConfigException(problems.inFileOrder());
    ConfigReader reader = new ConfigReader(file, problems, warnings);
    ProbeConfig config = reader.read(root);
    if (!problems.isEmpty() || config == null) throw new ConfigException(problems.inFileOrder());
    return new Checked(config, warnings.inFileOrder(), reader.lines());
  }

  private static String readText(Path file, ProblemList problems) {
    try {
      if (!Files.isRegularFile(file)) {
        problems.add(0, "no such config file (expected a YAML file; see docs/configuration.md)");
        return null;
      }
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        problems.add(0, "config file is larger than 1MiB (expected a few KiB of YAML)");
        return null;
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      problems.add(0, "config file is not UTF-8 text (expected UTF-8 YAML)");
      return null;
    } catch (IOException e) {
      problems.add(0, "cannot read config file: " + e.getMessage() + " (expected a readable file)");
      return null;
    }
  }
}
