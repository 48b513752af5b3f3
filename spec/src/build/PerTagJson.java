import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step of reductor-spec: writes each vendored per-tag YAML description as the JSON of the same tree, so that
 * loading the spec at run time needs no YAML parser. Run by the build as a single-file program:
 * {@code java PerTagJson.java <folder of *.yml> <output folder>}; the output has one {@code <name>.yml.json} per input.
 */
public final class PerTagJson {

    private PerTagJson() {
    }

    /**
     * Converts every {@code *.yml} file of a folder.
     *
     * @param args the folder of the YAML files and the folder to write the JSON files into
     * @throws IOException when a file cannot be read, parsed or written
     */
    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0]);
        Path target = Files.createDirectories(Path.of(args[1]));
        YAMLMapper yaml = new YAMLMapper();
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> listing = Files.list(source)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode tree = yaml.readTree(file.toFile());
            json.writeValue(target.resolve(file.getFileName() + ".json").toFile(), tree);
        }
    }
}
