using Microsoft.Playwright;

namespace Ballotline.Server.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: ExecutablePath). The flags keep Chromium off
/// the network: this machine reaches nothing but package registries.
/// </summary>
internal static class Browser
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("BALLOTLINE_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}: run ./test.sh, which installs Debian's chromium package.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary>Signs in through the sign-in page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string email, string password = PilotDriver.Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{baseUrl}/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
