using System.Text.RegularExpressions;

namespace Ballotline.Reporting;

/// <summary>
/// Themes in free text: words and two-word phrases after stop-word removal, counted once per answer (so one
/// voter repeating a word does not make a theme), ranked by the number of answers, with the shortest answer
/// that mentions the phrase as its quote.
/// </summary>
public static partial class ThemeFinder
{
    private const int QuoteLength = 200;

    private static readonly HashSet<string> StopWords = new(
        """
        a about above after again against all also am an and any are as at be because been before being below
        between both but by can could did do does doing don down during each few for from further get got had has
        have having he her here hers herself him himself his how i if in into is it its itself just let me more most
        much my myself no nor not now of off on once only or other our ours ourselves out over own really same she
        should so some such than that the their theirs them themselves then there these they this those through
        to too under until up us very was we were what when where which while who whom why will with would you your
        yours yourself yourselves it's i'm i've don't didn't wasn't isn't couldn't can't
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static IReadOnlyList<Theme> Find(IEnumerable<string> answers, int top)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var quotes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var answer in answers.Select(a => a.Trim()).Where(a => a.Length > 0))
        {
            var words = Tokens(answer).Where(w => w.Length > 1 && !StopWords.Contains(w)).ToList();
            var phrases = new HashSet<string>(words, StringComparer.Ordinal);
            for (var i = 1; i < words.Count; i++)
            {
                phrases.Add(words[i - 1] + " " + words[i]);
            }

            foreach (var phrase in phrases)
            {
                counts[phrase] = counts.GetValueOrDefault(phrase) + 1;
                if (!quotes.TryGetValue(phrase, out var quote) || answer.Length < quote.Length)
                {
                    quotes[phrase] = answer;
                }
            }
        }

        // A phrase said once is an anecdote, not a theme; single words and phrases compete on the same count.
        return [.. counts.Where(c => c.Value > 1)
            .OrderByDescending(c => c.Value).ThenByDescending(c => c.Key.Contains(' ', StringComparison.Ordinal)).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(c => new Theme(c.Key, c.Value, Shorten(quotes[c.Key])))];
    }

    private static IEnumerable<string> Tokens(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value.Trim('\''));

    private static string Shorten(string quote)
    {
        var oneLine = string.Join(' ', quote.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= QuoteLength ? oneLine : oneLine[..(QuoteLength - 1)] + "…";
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
