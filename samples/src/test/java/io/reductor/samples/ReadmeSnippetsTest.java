package io.reductor.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of README.md compiles: each {@code ```java} block is announced by a
 * {@code <!-- snippet: NAME -->} line and must equal, line for line, the region of that name in
 * {@link ReadmeSnippets}, which the build compiles.
 */
class ReadmeSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile(
            "(?m)^(?:<!-- snippet: ([\\w-]+) -->\\n)?```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern REGION = Pattern.compile(
            "(?m)^([ \\t]*)// snippet: ([\\w-]+)\\n(.*?)^[ \\t]*// end snippet$", Pattern.DOTALL);

    @Test
    void everyJavaBlockOfTheReadmeIsACompiledSnippet() throws IOException {
        String readme = read(Path.of("..", "README.md"));
        Map<String, String> compiled = regions(read(Path.of("src", "test", "java", "io", "reductor", "samples",
                "ReadmeSnippets.java")));
        List<String> names = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            String name = block.group(1);
            assertThat(name).as("the <!-- snippet: NAME --> line above README's java block starting %s",
                    block.group(2).lines().findFirst().orElse("")).isNotNull();
            assertThat(compiled).as("ReadmeSnippets has the region " + name).containsKey(name);
            assertThat(block.group(2)).as("README's snippet " + name + " as compiled in ReadmeSnippets")
                    .isEqualTo(compiled.get(name));
            names.add(name);
        }
        assertThat(names).as("README's java blocks").isNotEmpty().doesNotHaveDuplicates();
    }

    /** The regions by name, each without the indentation of its marker line. */
    private static Map<String, String> regions(String source) {
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher region = REGION.matcher(source);
        while (region.find()) {
            String indent = region.group(1);
            StringBuilder text = new StringBuilder();
            region.group(3).lines().forEach(line -> text.append(line.startsWith(indent)
                    ? line.substring(indent.length()) : line.strip()).append('\n'));
            regions.put(region.group(2), text.toString());
        }
        return regions;
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
