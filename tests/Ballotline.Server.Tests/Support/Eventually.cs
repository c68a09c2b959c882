namespace Ballotline.Server.Tests;

internal static class Eventually
{
    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, double seconds = 60)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Timed out after {seconds} s waiting until {what}.");
    }

    /// <summary>Polls until <paramref name="read"/> gives a value; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, string what, double seconds = 60)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        T? value = null;
        await HoldsAsync(async () => (value = await read()) is not null, what, seconds);
        return value!;
    }
}
