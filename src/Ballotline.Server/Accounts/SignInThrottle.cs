using System.Collections.Concurrent;
using System.Net;

namespace Ballotline.Server.Accounts;

/// <summary>
/// Failed sign-ins are throttled per client address before they can lock an account: after
/// <see cref="FailuresPerAddress"/> failures in <see cref="Window"/> an address is refused (429) without the
/// password being tried, while an account locks only after <see cref="AccountLockoutFailures"/> failures — more
/// than one address can make. So a stranger cannot lock a voter out at will, and guessing stays slow. Kept per
/// instance, in memory: a restart forgives, which the account lockout still backs.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FailuresPerAddress = 5;
    public const int AccountLockoutFailures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public bool IsThrottled(IPAddress? address)
    {
        if (!_failures.TryGetValue(Key(address), out var times))
        {
            return false;
        }

        lock (times)
        {
            times.RemoveAll(t => clock.GetUtcNow() - t > Window);
            return times.Count >= FailuresPerAddress;
        }
    }

    public void Failed(IPAddress? address)
    {
        var times = _failures.GetOrAdd(Key(address), _ => []);
        lock (times)
        {
            times.Add(clock.GetUtcNow());
        }
    }

    public void Succeeded(IPAddress? address) => _failures.TryRemove(Key(address), out _);

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";
}
