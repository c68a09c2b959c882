using Ballotline.Crypto.Election;
using Ballotline.Crypto.ElGamal;
using Ballotline.Crypto.Group;
using Ballotline.Crypto.Proofs;

namespace Ballotline.Crypto.Ballots;

/// <summary>Encrypts a plaintext ballot selection by selection and proves it well formed.</summary>
public static class BallotEncryptor
{
    /// <summary>
    /// Encrypts <paramref name="plaintext"/> for <paramref name="context"/>. Every contest of the manifest must be
    /// present; an unknown contest or candidate, a repeated selection or a count outside the contest's limits
    /// (an over-vote) is refused with <see cref="ArgumentException"/> before anything is encrypted.
    /// </summary>
    public static EncryptionResult Encrypt(ElectionContext context, PlaintextBallot plaintext, NonceSource? nonces = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plaintext);
        nonces ??= NonceSource.Secure;
        var choices = Validate(context.Manifest, plaintext);
        var contests = new List<EncryptedContest>(context.Manifest.Contests.Count);
        var secrets = new List<IReadOnlyList<Scalar>>(context.Manifest.Contests.Count);
        foreach (var contest in context.Manifest.Contests)
        {
            var selected = choices[contest.Id];
            var selections = new EncryptedSelection[contest.Candidates.Count];
            var contestNonces = new Scalar[contest.Candidates.Count];
            var sumNonce = Scalar.Zero;
            for (var i = 0; i < contest.Candidates.Count; i++)
            {
                var candidate = contest.Candidates[i];
                var vote = selected.Contains(candidate) ? 1 : 0;
                var encryption = context.PublicKey.Encrypt(vote, NonZero(nonces));
                var proof = RangeProof.Prove(encryption, vote, 0, 1, context.PublicKey,
                    context.ProofContext(ElectionContext.SelectionSubject(contest.Id, candidate)), nonces);
                selections[i] = new EncryptedSelection(candidate, encryption.Ciphertext, proof);
                contestNonces[i] = encryption.Nonce;
                sumNonce = SecretArithmetic.Add(sumNonce, encryption.Nonce);
            }

            // Summed by libsecp256k1 in the ciphertexts' native form: adding them one by one through BouncyCastle had
            // decompressed every point (a square root each), a tenth of the encryption's time.
            var sumCiphertext = ElGamalCiphertext.Sum([.. selections.Select(s => s.Ciphertext)]);

            var sumProof = RangeProof.Prove(new ElGamalEncryption(sumCiphertext, sumNonce), selected.Count,
                contest.MinSelections, contest.MaxSelections, context.PublicKey,
                context.ProofContext(ElectionContext.ContestSubject(contest.Id)), nonces);
            contests.Add(new EncryptedContest(contest.Id, selections, sumProof));
            secrets.Add(contestNonces);
        }

        var ballot = new EncryptedBallot(EncryptedBallot.CurrentVersion, context.ExtendedHashHex, contests);
        return new EncryptionResult(ballot, new BallotSecrets(secrets));
    }

    private static Scalar NonZero(NonceSource nonces)
    {
        var nonce = nonces.NextScalar();
        while (nonce.IsZero)
        {
            nonce = nonces.NextScalar();
        }

        return nonce;
    }

    private static Dictionary<string, HashSet<string>> Validate(ElectionManifest manifest, PlaintextBallot plaintext)
    {
        var choices = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var contest in plaintext.Contests ?? [])
        {
            var description = manifest.FindContest(contest.ContestId)
                ?? throw new ArgumentException($"The ballot names contest '{contest.ContestId}', which is not in this election.", nameof(plaintext));
            if (choices.ContainsKey(contest.ContestId))
            {
                throw new ArgumentException($"Contest '{contest.ContestId}' appears twice on the ballot.", nameof(plaintext));
            }

            var selected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var candidate in contest.Selected ?? [])
            {
                if (!description.Candidates.Contains(candidate, StringComparer.Ordinal))
                {
                    throw new ArgumentException($"Candidate '{candidate}' is not in contest '{contest.ContestId}'.", nameof(plaintext));
                }

                if (!selected.Add(candidate))
                {
                    throw new ArgumentException($"Candidate '{candidate}' is selected twice in contest '{contest.ContestId}'.", nameof(plaintext));
                }
            }

            if (selected.Count < description.MinSelections || selected.Count > description.MaxSelections)
            {
                var limit = description.MinSelections == description.MaxSelections
                    ? $"exactly {description.MaxSelections}"
                    : $"{description.MinSelections} to {description.MaxSelections}";
                throw new ArgumentException($"Contest '{contest.ContestId}' takes {limit} selections; the ballot has {selected.Count}.", nameof(plaintext));
            }

            choices[contest.ContestId] = selected;
        }

        foreach (var contest in manifest.Contests)
        {
            if (!choices.ContainsKey(contest.Id))
            {
                throw new ArgumentException($"The ballot has no answer for contest '{contest.Id}'.", nameof(plaintext));
            }
        }

        return choices;
    }
}
