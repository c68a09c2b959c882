using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ballotline.Server.Mail;
using Ballotline.Server.Operations;

namespace Ballotline.Server.Tests.Languages;

/// <summary>The French resources against the code that asks for them: nothing missing, nothing that would break a sentence.</summary>
public sealed partial class VoterTextTests
{
    private static readonly Dictionary<string, string> French = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src/Ballotline.Server/Languages/VoterText.fr.resx"))
        .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    // A look-up of the voter text with a literal key: T["…"], H["…"] in pages, Words["…"] in page models, words["…"] / text["…"] in services.
    [GeneratedRegex(""""(?<![\w.])(?:T|H|Words|words|text)\["((?:[^"\\]|\\.)*)"""")]
    private static partial Regex LiteralLookup();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"</?([a-z]+)")]
    private static partial Regex Tag();

    [Fact]
    public void Every_word_the_code_asks_for_by_its_english_text_has_a_french_translation()
    {
        var source = Path.Combine(RepositoryPaths.Root, "src/Ballotline.Server");
        var asked = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains("Migrations", StringComparison.Ordinal))
            .SelectMany(f => LiteralLookup().Matches(File.ReadAllText(f)).Select(m => (Key: Regex.Unescape(m.Groups[1].Value), File: Path.GetRelativePath(source, f))))
            .ToList();
        Assert.True(asked.Count > 200, $"only {asked.Count} look-ups found: the pattern no longer matches the code");
        var missing = asked.Where(a => !French.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, $"French has no translation for:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void No_two_french_entries_differ_only_in_case()
    {
        // The resource build drops the second of two names that differ only in case (warning MSB3568), so the text
        // asked for by the second would show in English on a French page.
        var clashes = French.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();
        Assert.True(clashes.Count == 0, $"these names differ only in case:\n{string.Join('\n', clashes)}");
    }

    [Fact]
    public void Every_french_sentence_keeps_its_placeholders_and_its_markup()
    {
        var broken = French.Where(p => !Same(Placeholder(), p.Key, p.Value) || !Same(Tag(), p.Key, p.Value)).Select(p => p.Key).ToList();
        Assert.True(broken.Count == 0, $"these translations lose or add a {{0}} or a tag:\n{string.Join('\n', broken)}");
    }

    [Fact]
    public void Every_built_in_message_and_help_page_in_french_has_its_english_original_and_the_same_placeholders()
    {
        Assert.Equal(MailTemplateDefaults.All.Keys.Order(StringComparer.Ordinal), MailTemplateDefaults.French.Keys.Order(StringComparer.Ordinal));
        var mailPlaceholder = new Regex(@"\{\{[a-z_]+\}\}");
        foreach (var (key, (subject, body)) in MailTemplateDefaults.French)
        {
            Assert.True(Same(mailPlaceholder, MailTemplateDefaults.All[key].Subject, subject) && Same(mailPlaceholder, MailTemplateDefaults.All[key].Body, body), $"the French '{key}' message has other placeholders than the English one");
        }

        Assert.All(HelpPages.FrenchDefaults.Keys, slug => Assert.True(HelpPages.Defaults.ContainsKey(slug), $"no English help page '{slug}'"));
    }

    private static bool Same(Regex pattern, string english, string french) =>
        pattern.Matches(english).Select(m => m.Value).Order(StringComparer.Ordinal).SequenceEqual(pattern.Matches(french).Select(m => m.Value).Order(StringComparer.Ordinal));
}
