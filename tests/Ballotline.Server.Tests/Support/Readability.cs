using System.Text.RegularExpressions;

namespace Ballotline.Server.Tests;

/// <summary>
/// Flesch reading ease (206.835 − 1.015 × words per sentence − 84.6 × syllables per word): 60–70 is plain English,
/// higher is easier. Syllables are counted by the usual vowel-group rule (a silent final "e" dropped, at least one
/// per word), close enough for a floor on a page's main text.
/// </summary>
internal static partial class Readability
{
    public static double FleschReadingEase(string text)
    {
        var sentences = Math.Max(1, SentenceEnd().Count(text + "."));
        var words = Word().Matches(text).Select(m => m.Value).ToList();
        Assert.NotEmpty(words);
        var syllables = words.Sum(Syllables);
        return 206.835 - (1.015 * words.Count / sentences) - (84.6 * syllables / words.Count);
    }

    private static int Syllables(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length > 2 && w.EndsWith('e') && !w.EndsWith("le", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        return Math.Max(1, VowelGroup().Count(w));
    }

    [GeneratedRegex(@"[.!?]+(\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[A-Za-z][A-Za-z']*")]
    private static partial Regex Word();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroup();
}
