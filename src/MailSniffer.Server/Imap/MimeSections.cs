using System.Globalization;
using MimeKit;

namespace MailSniffer.Server.Imap;

/// <summary>Numbered body parts ("1", "2.1", "2.MIME") located with MimeKit; unknown parts are empty, as RFC 3501 allows.</summary>
public static class MimeSections
{
    public static byte[] Part(byte[] message, string section)
    {
        MimeMessage parsed;
        try
        {
            parsed = MimeMessage.Load(new MemoryStream(message));
        }
        catch (FormatException)
        {
            return [];
        }
        var entity = parsed.Body;
        var suffix = "";
        foreach (var piece in section.Split('.'))
        {
            if (!int.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                suffix = piece.ToUpperInvariant();
                break;
            }
            if (entity is Multipart mp)
            {
                if (n < 1 || n > mp.Count) return [];
                entity = mp[n - 1];
            }
            else if (entity is MessagePart { Message: not null } inner && inner.Message.Body is Multipart innerMp)
            {
                if (n < 1 || n > innerMp.Count) return [];
                entity = innerMp[n - 1];
            }
            else if (n != 1)
            {
                return [];
            }
        }
        if (entity is null) return [];
        var output = new MemoryStream();
        switch (suffix)
        {
            case "MIME":
                entity.Headers.WriteTo(output);
                output.Write("\r\n"u8);
                break;
            default:
                if (entity is MimePart { Content: not null } part) part.Content.WriteTo(output);
                else if (entity is MessagePart { Message: not null } mpart) mpart.Message.WriteTo(output);
                else entity.WriteTo(output, contentOnly: true);
                break;
        }
        return output.ToArray();
    }
}
