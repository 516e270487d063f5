using MimeKit;

namespace MailSniffer.Server.Imap;

/// <summary>BODY / BODYSTRUCTURE without extension data (RFC 3501 7.4.2 makes it optional), from MimeKit's parse.</summary>
public static class BodyStructureBuilder
{
    public static void Write(ImapWriter w, byte[] message)
    {
        MimeEntity body;
        try
        {
            body = MimeMessage.Load(new MemoryStream(message)).Body ?? new TextPart("plain");
        }
        catch (FormatException)
        {
            body = new TextPart("plain");
        }
        WriteEntity(w, body, 0);
    }

    private static void WriteEntity(ImapWriter w, MimeEntity entity, int depth)
    {
        if (entity is Multipart multipart && depth < 32 && multipart.Count > 0)
        {
            w.Raw("(");
            foreach (var part in multipart) WriteEntity(w, part, depth + 1);
            w.Raw(" ").String(multipart.ContentType.MediaSubtype.ToLowerInvariant()).Raw(")");
            return;
        }
        var type = entity.ContentType;
        w.Raw("(").String(type.MediaType.ToLowerInvariant()).Raw(" ").String(type.MediaSubtype.ToLowerInvariant()).Raw(" ");
        if (type.Parameters.Count == 0) w.Raw("NIL");
        else
        {
            w.Raw("(");
            var first = true;
            foreach (var p in type.Parameters)
            {
                if (!first) w.Raw(" ");
                first = false;
                w.String(p.Name.ToLowerInvariant()).Raw(" ").String(p.Value);
            }
            w.Raw(")");
        }
        w.Raw(" ").NString(entity.ContentId is null ? null : "<" + entity.ContentId + ">").Raw(" NIL ");
        var encoding = entity is MimePart mp ? EncodingName(mp.ContentTransferEncoding) : "7bit";
        w.String(encoding).Raw(" ");
        var (size, lines) = Measure(entity);
        w.Raw(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (type.IsMimeType("text", "*")) w.Raw(" " + lines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.Raw(")");
    }

    private static (long Size, long Lines) Measure(MimeEntity entity)
    {
        var output = new MemoryStream();
        if (entity is MimePart { Content: not null } part) part.Content.WriteTo(output);
        else if (entity is MessagePart { Message: not null } message) message.Message.WriteTo(output);
        var bytes = output.ToArray();
        return (bytes.Length, bytes.Count(b => b == '\n'));
    }

    private static string EncodingName(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.Base64 => "base64",
        ContentEncoding.QuotedPrintable => "quoted-printable",
        ContentEncoding.EightBit => "8bit",
        ContentEncoding.Binary => "binary",
        ContentEncoding.UUEncode => "x-uuencode",
        _ => "7bit",
    };
}
