namespace TypedSessions.LoadApp.State;

/// <summary>
/// The "100-key session": 100 string keys <c>wide.K000</c> to <c>wide.K099</c>, seeded by <c>POST /seed?wide=true</c>
/// beside <see cref="LoadState"/>. A <c>POST /write</c> on such a session changes one key of 105, which shows what a
/// save sends to the store: the changed key (TypedSessions) or the whole session (ASP.NET Core Session).
/// The 100 properties are spelled out; <see cref="WideKeys"/> lists their stored keys for the untyped endpoints.
/// </summary>
[SessionState("wide")]
public sealed partial class WideState
{
    public partial string? K000 { get; set; }

    public partial string? K001 { get; set; }

    public partial string? K002 { get; set; }

    public partial string? K003 { get; set; }

    public partial string? K004 { get; set; }

    public partial string? K005 { get; set; }

    public partial string? K006 { get; set; }

    public partial string? K007 { get; set; }

    public partial string? K008 { get; set; }

    public partial string? K009 { get; set; }

    public partial string? K010 { get; set; }

    public partial string? K011 { get; set; }

    public partial string? K012 { get; set; }

    public partial string? K013 { get; set; }

    public partial string? K014 { get; set; }

    public partial string? K015 { get; set; }

    public partial string? K016 { get; set; }

    public partial string? K017 { get; set; }

    public partial string? K018 { get; set; }

    public partial string? K019 { get; set; }

    public partial string? K020 { get; set; }

    public partial string? K021 { get; set; }

    public partial string? K022 { get; set; }

    public partial string? K023 { get; set; }

    public partial string? K024 { get; set; }

    public partial string? K025 { get; set; }

    public partial string? K026 { get; set; }

    public partial string? K027 { get; set; }

    public partial string? K028 { get; set; }

    public partial string? K029 { get; set; }

    public partial string? K030 { get; set; }

    public partial string? K031 { get; set; }

    public partial string? K032 { get; set; }

    public partial string? K033 { get; set; }

    public partial string? K034 { get; set; }

    public partial string? K035 { get; set; }

    public partial string? K036 { get; set; }

    public partial string? K037 { get; set; }

    public partial string? K038 { get; set; }

    public partial string? K039 { get; set; }

    public partial string? K040 { get; set; }

    public partial string? K041 { get; set; }

    public partial string? K042 { get; set; }

    public partial string? K043 { get; set; }

    public partial string? K044 { get; set; }

    public partial string? K045 { get; set; }

    public partial string? K046 { get; set; }

    public partial string? K047 { get; set; }

    public partial string? K048 { get; set; }

    public partial string? K049 { get; set; }

    public partial string? K050 { get; set; }

    public partial string? K051 { get; set; }

    public partial string? K052 { get; set; }

    public partial string? K053 { get; set; }

    public partial string? K054 { get; set; }

    public partial string? K055 { get; set; }

    public partial string? K056 { get; set; }

    public partial string? K057 { get; set; }

    public partial string? K058 { get; set; }

    public partial string? K059 { get; set; }

    public partial string? K060 { get; set; }

    public partial string? K061 { get; set; }

    public partial string? K062 { get; set; }

    public partial string? K063 { get; set; }

    public partial string? K064 { get; set; }

    public partial string? K065 { get; set; }

    public partial string? K066 { get; set; }

    public partial string? K067 { get; set; }

    public partial string? K068 { get; set; }

    public partial string? K069 { get; set; }

    public partial string? K070 { get; set; }

    public partial string? K071 { get; set; }

    public partial string? K072 { get; set; }

    public partial string? K073 { get; set; }

    public partial string? K074 { get; set; }

    public partial string? K075 { get; set; }

    public partial string? K076 { get; set; }

    public partial string? K077 { get; set; }

    public partial string? K078 { get; set; }

    public partial string? K079 { get; set; }

    public partial string? K080 { get; set; }

    public partial string? K081 { get; set; }

    public partial string? K082 { get; set; }

    public partial string? K083 { get; set; }

    public partial string? K084 { get; set; }

    public partial string? K085 { get; set; }

    public partial string? K086 { get; set; }

    public partial string? K087 { get; set; }

    public partial string? K088 { get; set; }

    public partial string? K089 { get; set; }

    public partial string? K090 { get; set; }

    public partial string? K091 { get; set; }

    public partial string? K092 { get; set; }

    public partial string? K093 { get; set; }

    public partial string? K094 { get; set; }

    public partial string? K095 { get; set; }

    public partial string? K096 { get; set; }

    public partial string? K097 { get; set; }

    public partial string? K098 { get; set; }

    public partial string? K099 { get; set; }
    /// <summary>Sets every key to <paramref name="value"/> followed by the key's number.</summary>
    public void Fill(Func<int, string> value)
    {
        K000 = value(0);
        K001 = value(1);
        K002 = value(2);
        K003 = value(3);
        K004 = value(4);
        K005 = value(5);
        K006 = value(6);
        K007 = value(7);
        K008 = value(8);
        K009 = value(9);
        K010 = value(10);
        K011 = value(11);
        K012 = value(12);
        K013 = value(13);
        K014 = value(14);
        K015 = value(15);
        K016 = value(16);
        K017 = value(17);
        K018 = value(18);
        K019 = value(19);
        K020 = value(20);
        K021 = value(21);
        K022 = value(22);
        K023 = value(23);
        K024 = value(24);
        K025 = value(25);
        K026 = value(26);
        K027 = value(27);
        K028 = value(28);
        K029 = value(29);
        K030 = value(30);
        K031 = value(31);
        K032 = value(32);
        K033 = value(33);
        K034 = value(34);
        K035 = value(35);
        K036 = value(36);
        K037 = value(37);
        K038 = value(38);
        K039 = value(39);
        K040 = value(40);
        K041 = value(41);
        K042 = value(42);
        K043 = value(43);
        K044 = value(44);
        K045 = value(45);
        K046 = value(46);
        K047 = value(47);
        K048 = value(48);
        K049 = value(49);
        K050 = value(50);
        K051 = value(51);
        K052 = value(52);
        K053 = value(53);
        K054 = value(54);
        K055 = value(55);
        K056 = value(56);
        K057 = value(57);
        K058 = value(58);
        K059 = value(59);
        K060 = value(60);
        K061 = value(61);
        K062 = value(62);
        K063 = value(63);
        K064 = value(64);
        K065 = value(65);
        K066 = value(66);
        K067 = value(67);
        K068 = value(68);
        K069 = value(69);
        K070 = value(70);
        K071 = value(71);
        K072 = value(72);
        K073 = value(73);
        K074 = value(74);
        K075 = value(75);
        K076 = value(76);
        K077 = value(77);
        K078 = value(78);
        K079 = value(79);
        K080 = value(80);
        K081 = value(81);
        K082 = value(82);
        K083 = value(83);
        K084 = value(84);
        K085 = value(85);
        K086 = value(86);
        K087 = value(87);
        K088 = value(88);
        K089 = value(89);
        K090 = value(90);
        K091 = value(91);
        K092 = value(92);
        K093 = value(93);
        K094 = value(94);
        K095 = value(95);
        K096 = value(96);
        K097 = value(97);
        K098 = value(98);
        K099 = value(99);
    }
}

/// <summary>The stored keys of <see cref="WideState"/>, for the ASP.NET Core Session endpoints.</summary>
public static class WideKeys
{
    /// <summary>How many keys a wide session adds.</summary>
    public const int Count = 100;

    /// <summary><c>wide.K000</c> to <c>wide.K099</c>.</summary>
    public static readonly string[] Names = [.. Enumerable.Range(0, Count).Select(static i => $"wide.K{i:000}")];
}
