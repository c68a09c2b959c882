using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ballotline.Server.Infrastructure;

/// <summary>
/// CSV files staff open in a spreadsheet: a cell that people wrote (a name, a feedback answer) and that begins
/// with <c>= + - @</c>, a tab or a carriage return would be run as a formula (<c>=HYPERLINK(…)</c>,
/// <c>+cmd|…</c>); such cells are written with a leading apostrophe, which spreadsheets show as text.
/// </summary>
public static class CsvExport
{
    public static CsvConfiguration Configuration { get; } = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static CsvWriter Writer(TextWriter text) => new(text, Configuration);
}
