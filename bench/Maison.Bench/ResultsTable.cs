using System.Globalization;
using System.Text;

namespace Maison.Bench;

public static class ResultsTable
{
    public static string Render(IReadOnlyList<BenchResult> results)
    {
        var header = new[] { "scenario", "case", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "note" };
        var rows = results.Select(r => new[]
        {
            r.Scenario, r.Case, r.Requests.ToString(CultureInfo.InvariantCulture), r.Errors.ToString(CultureInfo.InvariantCulture),
            r.PerSecond.ToString("0", CultureInfo.InvariantCulture), r.P50Ms.ToString("0.00", CultureInfo.InvariantCulture),
            r.P95Ms.ToString("0.00", CultureInfo.InvariantCulture), r.P99Ms.ToString("0.00", CultureInfo.InvariantCulture), r.Note,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |");
        Line(header);
        text.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        rows.ForEach(Line);
        return text.ToString();
    }
}
