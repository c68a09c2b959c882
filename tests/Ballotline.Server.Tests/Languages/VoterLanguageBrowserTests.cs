using Ballotline.Server.Elections;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Languages;

/// <summary>
/// No voter text is hard-coded: with every word of the product's resources marked ⟦…⟧ (<see cref="MarkedWords"/>), a
/// voter's whole journey in Chromium — from switching to French on the invitation page, through a refused form,
/// voting with a challenge, the receipt, verification, feedback, support, the error pages and sign-in, to the
/// results and their in-browser check — shows no word outside the marks but the election's own data, and French
/// has a translation for every word asked.
/// </summary>
public sealed class VoterLanguageBrowserTests
{
    // Every word of the page (its text, in document order, and its labels) outside the marks, less the election's
    // data, must be digits, punctuation or symbols. A marked sentence may hold markup, so the marks are followed across
    // text nodes. Left out: content that says it is in another language (lang="…": the language switch, technical
    // lines quoted from the ledger, the verifier's own detail), times the script writes in the reader's own format,
    // codes, commands and form values, staff-written help articles, and <noscript> (raw text while script runs).
    private const string UnmarkedWords = """
        ([data, open, close]) => {
          const exempt = 'script, style, noscript, textarea, code, .code, .tracking, time.local-time, article.markdown, [lang]:not(html)';
          const onlySigns = (text) => /^[\s\p{N}\p{P}\p{S}]*$/u.test(data.reduce((rest, value) => rest.split(value).join(''), text));
          const outside = (text) => {
            let depth = 0, rest = '';
            for (const c of text) {
              if (c === open) depth++;
              else if (c === close) depth--;
              else if (depth === 0) rest += c;
            }
            return rest;
          };
          const found = [];
          if (!document.title.includes(open)) found.push(`<title> ${document.title}`);
          let depth = 0;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement?.closest(exempt)) continue;
            let rest = '';
            for (const c of node.textContent) {
              if (c === open) depth++;
              else if (c === close) depth--;
              else if (depth === 0) rest += c;
            }
            if (!onlySigns(rest)) found.push(`<${node.parentElement.tagName.toLowerCase()}${node.parentElement.className ? '.' + node.parentElement.className : ''}> ${node.textContent.trim()}`);
          }
          for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [alt], [title]:not(time)')) {
            if (element.closest(exempt)) continue;
            for (const name of ['aria-label', 'placeholder', 'alt', 'title']) {
              const value = element.getAttribute(name);
              if (value && !onlySigns(outside(value))) found.push(`<${element.tagName.toLowerCase()} ${name}> ${value}`);
            }
          }
          return found;
        }
        """;

    [Fact]
    public async Task A_voter_switching_to_french_reads_no_word_that_is_not_from_the_resources_and_none_untranslated()
    {
        var marks = new MarkedWords();
        await using var app = new BallotlineApp().WithServices(marks.Install);
        var port = Ports.Free();
        app.UseKestrel(port);
        app.StartServer();
        var baseUrl = $"http://127.0.0.1:{port}";
        var pilot = await PilotDriver.StartAsync(app);
        var input = PilotDriver.Input("langue");
        var election = await pilot.CreateElectionAsync(input);
        await PilotDriver.EnsureAsync(await pilot.ImportAsync(election.Id, PilotDriver.GroupCsv(2)));
        await pilot.MoveAsync(election.Id, ElectionState.RegistrationOpen, ElectionState.VotingOpen);
        var invitation = (await pilot.InviteAsync(election.Id))[0];
        string[] data = [input.Title, .. input.Contests.Select(c => c.Title), .. input.Contests.SelectMany(c => c.Candidates.Select(x => x.Name)),
            invitation.Name, invitation.Email, input.SupportEmail, input.SupportHours ?? string.Empty, "Ballotline"];

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await (await browser.NewContextAsync(new() { Locale = "en-GB" })).NewPageAsync();
        async Task AllMarkedAsync(string where)
        {
            var unmarked = await page.EvaluateAsync<string[]>(UnmarkedWords, new object[] { data, MarkedWords.Open, MarkedWords.Close });
            Assert.True(unmarked.Length == 0, $"{where} ({page.Url}) shows words that are not from the resources:\n{string.Join('\n', unmarked)}");
        }

        // An English browser gets English (every word still from the resources), and the switch turns it to French.
        await page.GotoAsync($"{baseUrl}/register/{PilotDriver.TokenOf(invitation)}");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await AllMarkedAsync("the registration page in English");
        await page.Locator("button[name=language][value=fr]").ClickAsync();
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("⟦S'inscrire pour voter⟧");
        await AllMarkedAsync("the registration page");

        // A refused form, then registration.
        await page.Locator("input[name=acknowledged]").CheckAsync();
        await page.Locator("#password").FillAsync(PilotDriver.Password);
        await page.Locator("#confirm").FillAsync(PilotDriver.Password + "x");
        await page.Locator("form[method=post] button[type=submit]").Last.ClickAsync();
        await Assertions.Expect(page.Locator(".error")).ToContainTextAsync("Les deux mots de passe");
        await AllMarkedAsync("the registration page with its refusal");
        await page.Locator("input[name=acknowledged]").CheckAsync();
        await page.Locator("#password").FillAsync(PilotDriver.Password);
        await page.Locator("#confirm").FillAsync(PilotDriver.Password);
        await page.Locator("form[method=post] button[type=submit]").Last.ClickAsync();
        await Assertions.Expect(page.Locator(".success")).ToContainTextAsync("Vous êtes inscrit(e)");
        await AllMarkedAsync("the voter's home");

        // Voting: a refused empty ballot (the script's words), encrypting, a challenge, encrypting again, casting.
        await page.Locator($"a[href='/vote/{election.Id}']").ClickAsync();
        await page.Locator("#choices button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#ballot-error")).ToContainTextAsync("choisissez exactement 1");
        await AllMarkedAsync("the ballot with the script's refusal");
        await page.Locator("input[value=beacon]").CheckAsync();
        await page.Locator("#choices button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#encrypted")).ToBeVisibleAsync();
        await AllMarkedAsync("the encrypted ballot");
        await page.Locator("#challenge").ClickAsync();
        await Assertions.Expect(page.Locator("#challenged-heading")).ToBeVisibleAsync();
        await AllMarkedAsync("the challenged ballot");
        await page.Locator("input[value=beacon]").CheckAsync();
        await page.Locator("#choices button[type=submit]").ClickAsync();
        await page.Locator("input[name=EmailReceipt]").CheckAsync();
        await page.Locator("#cast").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("⟦Votre bulletin est déposé⟧");
        await AllMarkedAsync("the receipt");
        var shortCode = (await page.Locator("p.tracking").InnerTextAsync()).Trim();

        foreach (var (path, what) in new[]
        {
            ($"/verify?code={shortCode}", "verification"), ($"/feedback/{election.Id}", "the feedback form"), ("/", "the voter's home after voting"),
            ($"/vote/{election.Id}", "the ballot after voting"), ("/help", "help"), ("/no-such-page", "the page-not-found page"), ("/account/denied", "the not-allowed page"),
        })
        {
            await page.GotoAsync($"{baseUrl}{path}");
            await AllMarkedAsync(what);
        }

        await page.GotoAsync($"{baseUrl}/support");
        await page.Locator("#subject").FillAsync("Question");
        await page.Locator("#body").FillAsync("Est-ce que mon vote compte ?");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".success")).ToContainTextAsync("est transmise à l'assistance");
        data = [.. data, "Question", "Est-ce que mon vote compte ?"];
        await AllMarkedAsync("support, with the request sent");

        // Signed out: a refused sign-in and a password reset.
        await page.Locator("form[action='/account/sign-out'] button").ClickAsync();
        await page.GotoAsync($"{baseUrl}/account/sign-in");
        await page.Locator("#Email").FillAsync(invitation.Email);
        await page.Locator("#Password").FillAsync("not the password");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".error")).ToContainTextAsync("mot de passe est faux");
        await AllMarkedAsync("sign-in with its refusal");
        await page.GotoAsync($"{baseUrl}/account/forgot-password");
        await page.Locator("#Email").FillAsync(invitation.Email);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await AllMarkedAsync("the password reset, sent");

        // The results, and the browser's own check of the record (each check's detail is the verifier's, in English, marked so).
        await pilot.MoveAsync(election.Id, ElectionState.Closed); // closing with the key passphrase counts at once
        await page.GotoAsync($"{baseUrl}/elections/{election.Slug}/results");
        await AllMarkedAsync("the results");
        await page.Locator("#check-election button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#check-verdict")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await AllMarkedAsync("the results with the in-browser check");

        Assert.True(marks.Untranslated.IsEmpty, $"French has no translation for:\n{string.Join('\n', marks.Untranslated.Keys)}");
    }
}
