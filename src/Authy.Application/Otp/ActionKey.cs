using System.Security.Cryptography;
using System.Text;

namespace Authy.Application.Otp;

/// <summary>
/// Per-action keys: a code sent for a custom action (Authy's <c>action</c> parameter on sms/call) comes from
/// HMAC-SHA-256(seed, UTF-8("authy-action:" + action)), so it verifies only with the same action.
/// </summary>
public static class ActionKey
{
    private const string Prefix = "authy-action:";

    // Throws on lone surrogates instead of replacing them with U+FFFD, so two different actions never share a key.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Derives the 32-byte key of <paramref name="action"/> (case-sensitive, used as given).</summary>
    /// <param name="seed">The user's seed; must not be empty.</param>
    /// <param name="action">The action; must not be empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="ArgumentException">An empty seed, an empty action, or an action that is not valid UTF-16.</exception>
    public static byte[] Derive(ReadOnlySpan<byte> seed, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        if (seed.IsEmpty)
        {
            throw new ArgumentException("The seed must not be empty.", nameof(seed));
        }

        byte[] message;
        try
        {
            message = StrictUtf8.GetBytes(Prefix + action);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The action is not valid Unicode text.", nameof(action), ex);
        }

        return HMACSHA256.HashData(seed, message);
    }
}
