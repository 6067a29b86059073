namespace Authy.Application.Otp;

/// <summary>The HMAC hash function of an HOTP/TOTP code (RFC 4226 uses SHA-1; RFC 6238 adds SHA-256 and SHA-512).</summary>
public enum OtpHashAlgorithm
{
    /// <summary>HMAC-SHA-1, the default of RFC 4226/6238, Authy and Google Authenticator.</summary>
    Sha1,

    /// <summary>HMAC-SHA-256.</summary>
    Sha256,

    /// <summary>HMAC-SHA-512.</summary>
    Sha512,
}
