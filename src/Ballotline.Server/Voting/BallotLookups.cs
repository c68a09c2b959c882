using Ballotline.Crypto;
using Ballotline.Crypto.Ballots;
using Ballotline.Server.Data;
using Ballotline.Server.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ballotline.Server.Voting;

/// <summary>Finds a ballot by a tracking code as people type it: 64 hex digits, or the short code with any case and dashes.</summary>
public static class BallotLookups
{
    public static async Task<BallotBoxEntry> FindAsync(BallotlineDb db, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (full, shortCode) = Parse(code);
        var entry = full is not null
            ? await db.BallotBox.AsNoTracking().FirstOrDefaultAsync(b => b.TrackingCode == full, ct)
            : await db.BallotBox.AsNoTracking().FirstOrDefaultAsync(b => b.ShortCode == shortCode, ct);
        return entry ?? throw new DomainException("tracking-code-unknown",
            "No ballot with this tracking code is in the log. Check the code on your receipt; a ballot appears here as soon as it is accepted.",
            StatusCodes.Status404NotFound);
    }

    /// <summary>The challenged (spoiled) ballot with this tracking code, if one was published.</summary>
    public static async Task<SpoiledBallot?> FindSpoiledAsync(BallotlineDb db, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (full, shortCode) = Parse(code);
        return full is not null
            ? await db.SpoiledBallots.AsNoTracking().FirstOrDefaultAsync(b => b.TrackingCode == full, ct)
            : await db.SpoiledBallots.AsNoTracking().FirstOrDefaultAsync(b => b.ShortCode == shortCode, ct);
    }

    private static (string? Full, string? Short) Parse(string? code)
    {
        var typed = code?.Trim() ?? string.Empty;
        string? full = null;
        string? shortCode = null;
        try
        {
            if (typed.Length == 64)
            {
                full = TrackingCode.Parse(typed).FullHex;
            }
            else
            {
                shortCode = TrackingCode.NormalizeShort(typed);
            }
        }
        catch (CryptoFormatException e)
        {
            throw DomainException.Formatted("tracking-code-invalid", StatusCodes.Status400BadRequest, "'{0}' is not a tracking code: {1}", Truncate(typed), e.Message);
        }

        return (full, shortCode);
    }

    private static string Truncate(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
