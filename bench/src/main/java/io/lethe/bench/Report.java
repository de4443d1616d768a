package io.lethe.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's table on standard output. */
final class Report {

    private Report() {
    }

    static void print(List<LetheBenchmark.Result> results, Map<String, Object> machine, LetheBenchmark.Settings settings) {
        System.out.println();
        System.out.println("Lethe benchmark — " + machine);
        System.out.println("Scale: " + settings);
        String format = "%-52s %16s %18s %8s %-22s %-5s%n";
        System.out.printf(Locale.ROOT, format, "scenario", "measured", "baseline", "ratio", "target", "met");
        System.out.println("-".repeat(126));
        for (LetheBenchmark.Result result : results) {
            System.out.printf(Locale.ROOT, format, result.scenario(),
                    result.value() == null ? "—" : String.format(Locale.ROOT, "%,.0f %s", result.value(), result.unit()),
                    result.baseline() == null ? "" : String.format(Locale.ROOT, "%,.0f %s", result.baseline(), result.baselineUnit()),
                    result.ratio() == null ? "" : String.format(Locale.ROOT, "%.1f %%", result.ratio() * 100),
                    result.target() == null ? "" : result.target(),
                    result.met() == null ? "" : result.met() ? "yes" : "NO");
            if (result.note() != null) {
                System.out.println("    " + result.note());
            }
        }
        System.out.println();
    }
}
