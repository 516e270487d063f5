namespace MailSniffer.Tui.ViewModels;

/// <summary>
/// Plain-words explanations of mail protocol commands and replies, for student mode: what the line does and which step
/// of the delivery story it belongs to (submission, lookup, relay, retrieval).
/// </summary>
public static class StudentNotes
{
    // BODY[] and BODY.PEEK[] (what MailKit and Thunderbird send) and bare RFC822 fetch the whole message; RFC822.SIZE does not.
    private static readonly System.Text.RegularExpressions.Regex WholeMessage =
        new(@"BODY(\.PEEK)?\[\]|RFC822(?![.\w])", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>The note for one transcript line, or null when there is nothing useful to say.</summary>
    public static string? Explain(string protocol, bool fromClient, string line)
    {
        var words = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        return protocol switch
        {
            "smtp" => fromClient ? SmtpCommand(words[0]) : SmtpReply(words[0]),
            "pop3" => fromClient ? Pop3Command(words[0]) : Pop3Reply(words[0]),
            // IMAP lines start with a tag ("a1 FETCH ..."); the server's untagged lines with "*".
            "imap" => words.Length > 1 ? (fromClient ? ImapCommand(words[1..]) : ImapResponse(words[0], words[1])) : null,
            "dns" => Dns(fromClient, words),
            _ => null,
        };
    }

    private static string? SmtpCommand(string verb) => verb.ToUpperInvariant() switch
    {
        "EHLO" => "Client greets the server with its name and asks which extensions (AUTH, STARTTLS, SIZE...) it offers.",
        "HELO" => "Old-style greeting: the client names itself, without asking for extensions.",
        "MAIL" => "Envelope sender: where bounces go. May differ from the From: header the reader sees.",
        "RCPT" => "Envelope recipient: one mailbox this message must be delivered to (one RCPT per recipient).",
        "DATA" => "Client asks to send the message itself (headers and body) next.",
        "BDAT" => "Client sends a chunk of the message with its exact size (CHUNKING), instead of DATA.",
        "AUTH" => "Client logs in. PLAIN and LOGIN only base64-encode the password: anyone on the path can read it.",
        "STARTTLS" => "Client asks to switch to encryption; from the server's 220 on, the rest of this connection is unreadable.",
        "QUIT" => "Client ends the session politely.",
        "RSET" => "Client abandons the message in progress and starts over.",
        "NOOP" => "Keep-alive: does nothing.",
        "VRFY" => "Client asks whether a mailbox exists (often disabled: it helps spammers).",
        _ => null,
    };

    private static string? SmtpReply(string code) => code switch
    {
        "220" => "Server greeting (or: ready to start TLS). Delivery step: a mail server accepts a connection.",
        "221" => "Server says goodbye and closes the connection.",
        "235" => "Login accepted: the credentials just sent were right.",
        "250" => "OK: the last command was accepted (after DATA: the server took responsibility for the message).",
        "251" or "252" => "The server will try to deliver to this recipient even though it is not local.",
        "334" => "Server waits for the next piece of a login (base64-encoded).",
        "354" => "Server is ready for the message: the client sends it and ends with a line holding only '.'.",
        "421" => "Server is closing the connection (temporary: try again later).",
        "450" or "451" or "452" => "Temporary failure: the sender should queue the message and retry later.",
        "530" => "Authentication required before this command.",
        "535" => "Login refused: wrong user name or password.",
        "550" or "551" or "553" => "Permanent failure: the mailbox does not exist or is refused; the sender gets a bounce.",
        "554" => "Transaction failed (often: rejected as spam or by policy).",
        _ => code.Length == 3 && code[0] is '4' ? "Temporary failure (4xx): retry later."
           : code.Length == 3 && code[0] is '5' ? "Permanent failure (5xx): give up and bounce." : null,
    };

    private static string? Pop3Command(string verb) => verb.ToUpperInvariant() switch
    {
        "USER" => "Reader logs in to collect mail: the user name, in clear text.",
        "PASS" => "The password, in clear text: anyone on the path can read it.",
        "APOP" => "Login with a digest of the password (MD5): weak, can be cracked offline.",
        "STAT" => "Asks how many messages are waiting and their total size.",
        "LIST" => "Asks for the size of each waiting message.",
        "UIDL" => "Asks for each message's unique id (so a client knows what it already downloaded).",
        "RETR" => "Downloads a whole message. Delivery step: retrieval, the last hop to the reader.",
        "TOP" => "Downloads a message's headers and first lines only.",
        "DELE" => "Marks a message for deletion from the server.",
        "CAPA" => "Asks which extensions the server supports.",
        "STLS" => "Asks to switch to encryption; the rest of the connection is unreadable.",
        "AUTH" => "Login through a SASL mechanism; PLAIN/LOGIN are readable by anyone on the path.",
        "QUIT" => "Ends the session; messages marked with DELE are deleted now.",
        _ => null,
    };

    private static string? Pop3Reply(string status) => status switch
    {
        "+OK" => "Success (after RETR: the message follows, ending with a line holding only '.').",
        "-ERR" => "Failure: the command was refused.",
        _ => null,
    };

    private static string? ImapCommand(string[] words)
    {
        string cmd = words[0].ToUpperInvariant();
        if (cmd == "UID" && words.Length > 1) cmd = words[1].ToUpperInvariant();
        bool wholeBody = WholeMessage.IsMatch(string.Join(' ', words));
        return cmd switch
        {
            "LOGIN" => "Reader logs in with user name and password in clear text.",
            "AUTHENTICATE" => "Login through a SASL mechanism; PLAIN/LOGIN are readable by anyone on the path.",
            "CAPABILITY" => "Asks what the server supports.",
            "SELECT" or "EXAMINE" => "Opens a mailbox folder (SELECT: read-write, EXAMINE: read-only).",
            "FETCH" => wholeBody
                ? "Downloads a whole message (FETCH BODY[]). Delivery step: retrieval, the last hop to the reader."
                : "Asks for parts of messages (flags, headers, sizes).",
            "SEARCH" => "Asks which messages match a condition.",
            "STORE" => "Changes message flags (read, deleted...).",
            "APPEND" => "Uploads a message into a folder (e.g. a copy into Sent).",
            "LIST" or "LSUB" => "Lists the mailbox folders.",
            "STARTTLS" => "Asks to switch to encryption; the rest of the connection is unreadable.",
            "IDLE" => "Waits for the server to announce new mail.",
            "LOGOUT" => "Ends the session.",
            "NOOP" => "Keep-alive, and a chance for the server to report changes.",
            _ => null,
        };
    }

    private static string? ImapResponse(string tag, string status) => (tag, status.ToUpperInvariant()) switch
    {
        ("*", "OK") => "Server greeting or status information (untagged).",
        ("*", "BYE") => "Server is closing the connection.",
        ("*", "CAPABILITY") => "What the server supports (LOGINDISABLED means: no clear-text login before TLS).",
        ("*", _) => "Untagged data answering the command in progress.",
        (_, "OK") => "The command with this tag succeeded.",
        (_, "NO") => "The command with this tag failed (e.g. wrong password).",
        (_, "BAD") => "The server did not understand the command.",
        _ => null,
    };

    private static string? Dns(bool query, string[] words)
    {
        // "query #id TYPE name" / "answer #id name TYPE data"
        string? type = query ? (words.Length > 2 ? words[2] : null) : (words.Length > 3 ? words[3].Split(' ')[0] : null);
        return (query, type?.ToUpperInvariant()) switch
        {
            (true, "MX") => "A mail server asks DNS which servers receive mail for this domain. Delivery step: lookup before relay.",
            (true, "A" or "AAAA") => "Asks for the IP address of a host name (e.g. of the MX server just found).",
            (true, _) => "A DNS question.",
            (false, _) when words.Length > 3 && words[3].StartsWith("MX", StringComparison.OrdinalIgnoreCase) =>
                "MX answer: this host (lowest preference first) receives mail for the domain; the relay connects to it next.",
            (false, _) => "The DNS answer.",
        };
    }
}
