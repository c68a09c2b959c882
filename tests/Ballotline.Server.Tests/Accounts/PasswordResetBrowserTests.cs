using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ballotline.Server.Tests.Accounts;

/// <summary>"Forgot your password?" in Chromium: a link by mail, one reset per link, and no hint of who has an account.</summary>
public sealed partial class PasswordResetBrowserTests
{
    [Fact]
    public async Task A_voter_who_forgot_the_password_chooses_a_new_one_from_a_mailed_link_that_works_once()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var baseUrl = $"http://127.0.0.1:{port}";
        var (_, invitations) = await pilot.OpenRegistrationAsync("reset", 1);
        await pilot.RegisterAsync(invitations[0]);
        var email = invitations[0].Email;

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        // An address without an account gets the same answer, and no mail.
        await page.GotoAsync($"{baseUrl}/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("nobody@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("a link to choose a new password is on its way")).ToBeVisibleAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Kind == "password-reset")));

        await page.GotoAsync($"{baseUrl}/account/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("a link to choose a new password is on its way")).ToBeVisibleAsync();
        var text = await app.WithServiceAsync(async s =>
        {
            var mail = await s.GetRequiredService<Ballotline.Server.Data.BallotlineDb>().OutgoingMail.SingleAsync(m => m.Kind == "password-reset");
            Assert.Equal(email, mail.To);
            Assert.True(mail.Protected); // the link opens the account: encrypted at rest
            return Server.Mail.MailOutbox.Text(mail, s.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
        });
        var link = ResetLink().Match(text).Groups[1].Value;
        Assert.NotEmpty(link);

        await page.GotoAsync(baseUrl + link);
        await page.GetByLabel("New password").FillAsync("a brand new password");
        await page.GetByLabel("The same password again").FillAsync("another password entirely");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Type the same new password twice" })).ToBeVisibleAsync();
        await page.GetByLabel("New password").FillAsync("a brand new password");
        await page.GetByLabel("The same password again").FillAsync("a brand new password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your new password is saved. Sign in with it.")).ToBeVisibleAsync();

        // The new password signs in; the old one no longer does; the link does not work twice.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password = "a brand new password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password = PilotDriver.Password })).StatusCode);
        await page.GotoAsync(baseUrl + link);
        await page.GetByLabel("New password").FillAsync("yet another password");
        await page.GetByLabel("The same password again").FillAsync("yet another password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "expired or was already used" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Support_sends_a_fresh_invitation_to_a_voter_not_yet_registered_and_a_reset_link_to_one_who_is()
    {
        await using var app = new BallotlineApp();
        var port = Ports.Free();
        app.UseKestrel(port);
        var pilot = await PilotDriver.StartAsync(app);
        var baseUrl = $"http://127.0.0.1:{port}";
        var (_, invitations) = await pilot.OpenRegistrationAsync("resend", 2);
        await pilot.RegisterAsync(invitations[0]);
        var before = await app.WithDbAsync(db => db.OutgoingMail.CountAsync());

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, baseUrl, "admin@example.org");
        await page.GotoAsync($"{baseUrl}/support/queue");

        await page.GetByLabel("Voter's email address").FillAsync(invitations[1].Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a new link" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Sent to {invitations[1].Email}: a new invitation link for Pilot resend")).ToBeVisibleAsync();
        // The old link stops working; the new one was mailed to that voter only.
        Assert.False((await app.CreateClient().GetAsync($"/api/registrations/{PilotDriver.TokenOf(invitations[1])}")).IsSuccessStatusCode);
        Assert.Equal([invitations[1].Email], await app.WithDbAsync(db => db.OutgoingMail.OrderBy(m => m.Id).Skip(before).Select(m => m.To).ToListAsync()));

        await page.GetByLabel("Voter's email address").FillAsync(invitations[0].Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a new link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("a link to choose a new password (they are registered)")).ToBeVisibleAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.OutgoingMail.CountAsync(m => m.Kind == "password-reset" && m.To == invitations[0].Email)));

        await page.GetByLabel("Voter's email address").FillAsync("stranger@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a new link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "stranger@example.org" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"https?://[^/\s]+(/account/reset-password\?\S+)")]
    private static partial Regex ResetLink();
}
