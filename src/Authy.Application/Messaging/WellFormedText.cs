namespace Authy.Application.Messaging;

/// <summary>Checks on free text that an application puts into a message or a key.</summary>
public static class WellFormedText
{
    /// <summary>
    /// False for text with a lone surrogate (a JSON <c>"\ud800"</c> escape): it has no UTF-8 form, so it could be
    /// neither sent nor hashed into an action key.
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (System.Text.Rune.DecodeFromUtf16(text.AsSpan(i), out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            i += consumed - 1;
        }

        return true;
    }
}
