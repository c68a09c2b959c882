using System.Globalization;
using Ballotline.Server.Infrastructure;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ballotline.Server.PilotGroup;

/// <summary>
/// Reads a pilot-group CSV (columns name, email, group, age_band, location — see docs/pilot-group.md).
/// Returns every row or throws one <see cref="DomainException"/> naming every bad row by line number.
/// </summary>
public static class PilotGroupCsv
{
    public const int MaxRows = 10_000;
    private static readonly string[] Columns = ["name", "email", "group", "age_band", "location"];

    public static IReadOnlyList<(int Line, PilotVoterInput Row)> Read(TextReader reader)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectDelimiter = true,
        };
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                throw new DomainException("csv-empty", "The file is empty: the first line must be the header name,email,group,age_band,location.");
            }
        }
        catch (CsvHelperException e)
        {
            throw new DomainException("csv-unreadable", "The file is not readable as CSV: " + e.Message);
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = Columns.Take(4).Where(c => !header.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new DomainException("csv-header", $"The header lacks the column(s) {string.Join(", ", missing)}; expected name,email,group,age_band,location.");
        }

        var rows = new List<(int, PilotVoterInput)>();
        while (csv.Read())
        {
            if (rows.Count >= MaxRows)
            {
                throw new DomainException("csv-too-large", $"The file has more than {MaxRows:N0} rows; a pilot group is 50–200 people.");
            }

            var line = csv.Parser.RawRow;
            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            rows.Add((line, new PilotVoterInput(
                csv.GetField("name") ?? string.Empty, csv.GetField("email") ?? string.Empty, csv.GetField("group") ?? string.Empty,
                csv.GetField("age_band") ?? string.Empty, header.Contains("location") ? csv.GetField("location") : null,
                header.Contains("language") ? csv.GetField("language") : null)));
        }

        return rows;
    }
}
