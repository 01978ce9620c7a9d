using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Djinn.Engine.Model;

namespace Djinn.Engine.Validation;

/// <summary>
/// Type-checks function bodies in a single pass with an operand stack and a control stack, following
/// https://webassembly.github.io/spec/core/appendix/algorithm.html. One instance validates every body of a
/// module and reuses its stacks; it is not thread-safe.
/// </summary>
internal sealed partial class FunctionValidator
{
    /// <summary>The unknown (bottom) operand type produced by popping from an unreachable frame's empty stack.</summary>
    private const ValueKind Unknown = 0;

    /// <summary>Bodies with at most this many locals get a flat type array; larger ones search the local runs.</summary>
    private const int FlatLocalLimit = 1 << 16;

    private readonly ValidationContext _c;
    private ValueKind[] _vals = new ValueKind[64];
    private int _valCount;
    private ControlFrame[] _ctrls = new ControlFrame[16];
    private int _ctrlCount;

    // Copies of the innermost frame's height and unreachable flag, so pops need not index the control stack.
    private int _height;
    private bool _unreachable;

    private ValueKind[] _locals = new ValueKind[64];
    private long _localCount;
    private bool _flatLocals;
    private ValueKind[] _params = ValidationContext.Empty;
    private LocalRun[] _runs = [];
    private long[] _runEnds = new long[8];

    private int _functionIndex;
    private int _offset;

    /// <summary>Creates a validator for the bodies of the module described by <paramref name="context"/>.</summary>
    public FunctionValidator(ValidationContext context) => _c = context;

    /// <summary>An entry of the control stack (a block, loop, if, else or the function itself).</summary>
    private struct ControlFrame
    {
        public Opcode Kind;
        public ValueKind[] Start;
        public ValueKind[] End;
        public int Height;
        public bool Unreachable;
    }

    /// <summary>
    /// Validates one body (https://webassembly.github.io/spec/core/valid/modules.html#functions).
    /// <paramref name="functionIndex"/> is the index in the function index space, used in errors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Validate(int functionIndex, uint typeIndex, FunctionBody body)
    {
        _functionIndex = functionIndex;
        _offset = body.ByteOffset;
        SetupLocals(_c.TypeParams[typeIndex], body.Locals);

        _valCount = 0;
        _ctrlCount = 0;
        PushCtrl(Opcode.Block, ValidationContext.Empty, _c.TypeResults[typeIndex]);

        var code = body.Code;
        int i = 0;
        for (; i < code.Length; i++)
        {
            ref readonly var ins = ref code[i];
            _offset = ins.Offset;
            Step(in ins);
            if (_ctrlCount == 0) break;
        }

        if (_ctrlCount != 0) Fail("unexpected end of function body");
        if (i != code.Length - 1)
        {
            _offset = code[i + 1].Offset;
            Fail("instructions after the end of the function body");
        }
    }

    // ---- Locals (https://webassembly.github.io/spec/core/valid/modules.html#functions) ----

    private void SetupLocals(ValueKind[] parameters, LocalRun[] runs)
    {
        _params = parameters;
        _runs = runs;
        long total = parameters.Length;
        if (_runEnds.Length < runs.Length) _runEnds = new long[Math.Max(runs.Length, _runEnds.Length * 2)];
        for (int r = 0; r < runs.Length; r++)
        {
            total += runs[r].Count;
            _runEnds[r] = total;
        }

        _localCount = total;
        _flatLocals = total <= FlatLocalLimit;
        if (!_flatLocals) return;

        if (_locals.Length < total) _locals = new ValueKind[Math.Max((int)total, _locals.Length * 2)];
        parameters.CopyTo(_locals, 0);
        int at = parameters.Length;
        foreach (var run in runs)
        {
            _locals.AsSpan(at, (int)run.Count).Fill(run.Type);
            at += (int)run.Count;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueKind Local(uint index)
    {
        if (index >= _localCount) Fail($"unknown local {index}");
        return _flatLocals ? _locals[index] : SearchLocal(index);
    }

    private ValueKind SearchLocal(uint index)
    {
        if (index < (uint)_params.Length) return _params[index];
        int lo = 0, hi = _runs.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_runEnds[mid] > index) hi = mid;
            else lo = mid + 1;
        }
        return _runs[lo].Type;
    }

    // ---- Operand stack ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(ValueKind type)
    {
        if (_valCount == _vals.Length) Array.Resize(ref _vals, _vals.Length * 2);
        _vals[_valCount++] = type;
    }

    private void PushVals(ValueKind[] types)
    {
        if (_valCount + types.Length > _vals.Length) Array.Resize(ref _vals, Math.Max(_vals.Length * 2, _valCount + types.Length));
        types.CopyTo(_vals, _valCount);
        _valCount += types.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueKind Pop()
    {
        int count = _valCount;
        if (count > _height)
        {
            _valCount = count - 1;
            return _vals[count - 1];
        }
        return PopAtFrameBottom();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pop(ValueKind expected)
    {
        int count = _valCount;
        if (count > _height)
        {
            var actual = _vals[count - 1];
            _valCount = count - 1;
            if (actual != expected && actual != Unknown) Fail("type mismatch");
            return;
        }
        PopAtFrameBottom();
    }

    /// <summary>Popping at the frame's base yields Unknown in unreachable code and is an error otherwise.</summary>
    private ValueKind PopAtFrameBottom()
    {
        if (!_unreachable) Fail("type mismatch");
        return Unknown;
    }

    private void PopVals(ValueKind[] types)
    {
        for (int j = types.Length - 1; j >= 0; j--) Pop(types[j]);
    }

    /// <summary>Checks that the top of the stack matches <paramref name="types"/> without popping (br_table targets).</summary>
    private void PeekVals(ValueKind[] types)
    {
        for (int k = 0; k < types.Length; k++)
        {
            int at = _valCount - 1 - k;
            if (at < _height)
            {
                if (_unreachable) return;
                Fail("type mismatch");
            }
            var actual = _vals[at];
            if (actual != types[types.Length - 1 - k] && actual != Unknown) Fail("type mismatch");
        }
    }

    // ---- Control stack ----

    private void PushCtrl(Opcode kind, ValueKind[] start, ValueKind[] end)
    {
        if (_ctrlCount == _ctrls.Length) Array.Resize(ref _ctrls, _ctrls.Length * 2);
        ref var frame = ref _ctrls[_ctrlCount++];
        frame.Kind = kind;
        frame.Start = start;
        frame.End = end;
        frame.Height = _valCount;
        frame.Unreachable = false;
        _height = _valCount;
        _unreachable = false;
        PushVals(start);
    }

    private ref ControlFrame PopCtrl()
    {
        ref var frame = ref _ctrls[_ctrlCount - 1];
        PopVals(frame.End);
        if (_valCount != frame.Height) Fail("type mismatch");
        _ctrlCount--;
        if (_ctrlCount > 0)
        {
            ref var outer = ref _ctrls[_ctrlCount - 1];
            _height = outer.Height;
            _unreachable = outer.Unreachable;
        }

        return ref frame;
    }

    private ValueKind[] LabelTypes(uint depth)
    {
        if (depth >= (uint)_ctrlCount) Fail("unknown label");
        ref var frame = ref _ctrls[_ctrlCount - 1 - (int)depth];
        return frame.Kind == Opcode.Loop ? frame.Start : frame.End;
    }

    private void SetUnreachable()
    {
        ref var frame = ref _ctrls[_ctrlCount - 1];
        _valCount = frame.Height;
        frame.Unreachable = true;
        _unreachable = true;
    }

    private static bool SameTypes(ValueKind[] a, ValueKind[] b)
    {
        if (ReferenceEquals(a, b)) return true;
        return a.AsSpan().SequenceEqual(b);
    }

    /// <summary>Throws a <see cref="ValidationException"/> located at the current instruction.</summary>
    [DoesNotReturn]
    private void Fail(string cause) => throw new ValidationException(_functionIndex, _offset, cause);
}
