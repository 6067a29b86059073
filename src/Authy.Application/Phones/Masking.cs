namespace Authy.Application.Phones;

/// <summary>How phone numbers and e-mail addresses are shown in responses and logs: never in full.</summary>
public static class Masking
{
    /// <summary>Authy's cellphone mask, <c>+54-XXX-XXX-XX02</c>: calling code and the last two digits.</summary>
    public static string Cellphone(int countryCode, string nationalNumber)
    {
        var lastTwo = nationalNumber.Length >= 2 ? nationalNumber[^2..] : nationalNumber;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+{countryCode}-XXX-XXX-XX{lastTwo}");
    }

    /// <summary>
    /// The user-status mask: every digit but the last four replaced by X, grouped in threes from the right
    /// (<c>XXX-XXX-1118</c> for ten digits, <c>XX-XXX-4567</c> for nine).
    /// </summary>
    public static string StatusPhoneNumber(string nationalNumber)
    {
        if (nationalNumber.Length <= 4)
        {
            return nationalNumber;
        }

        var hidden = nationalNumber.Length - 4;
        var groups = new List<string>();
        while (hidden > 0)
        {
            var size = Math.Min(3, hidden);
            groups.Insert(0, new string('X', size));
            hidden -= size;
        }

        groups.Add(nationalNumber[^4..]);
        return string.Join('-', groups);
    }

    /// <summary><c>a***@example.com</c>: the first character of the local part and the domain.</summary>
    public static string Email(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        return string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
