namespace Ballotline.Reporting.Tests;

/// <summary>The catalogue the reports carry is the one docs/reporting.md publishes, word for word.</summary>
public sealed class FigureDefinitionsTests
{
    [Fact]
    public void The_reports_catalogue_is_the_documented_one_row_for_row()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Ballotline.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
        }

        var doc = File.ReadAllLines(Path.Combine(root.FullName, "docs", "reporting.md"));
        var header = Array.IndexOf(doc, "| Figure | Population | Formula, unit | Computed by |");
        Assert.True(header >= 0, "docs/reporting.md has no figure catalogue table");
        var documented = doc.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).Take(3).ToArray())
            .Select(c => new FigureDefinition(c[0], c[1], c[2]));

        Assert.Equal(documented, FigureDefinitions.All);
    }

    [Fact]
    public void Every_report_ends_with_the_catalogue_so_a_printed_figure_carries_its_definition()
    {
        var record = PilotRecordFixture.Small();
        foreach (var report in new[] { Phase2Report.Build(record).ToMarkdown(), MetricsReport.ToMarkdown(record) })
        {
            Assert.All(FigureDefinitions.All, f => Assert.Contains($"| {f.Name} | {f.Population} | {f.Formula} |", report, StringComparison.Ordinal));
        }

        Assert.Contains("<h2>Appendix: definitions</h2>", Phase2Report.Build(record).ToHtml(), StringComparison.Ordinal);
    }
}
