using System.Reflection;
using System.Reflection.Emit;
using Djinn.Engine.Model;
using Djinn.Engine.Runtime;

namespace Djinn.Engine.Compilation;

/// <summary>
/// Compiles one function body to IL. The WebAssembly operand stack is tracked at compile time: values live on the
/// IL evaluation stack while code is straight-line and are spilled to typed "slot" locals (one per stack depth and
/// type) at control-flow boundaries, so every branch happens with an empty IL stack and block results are already
/// in their target slots. RyuJIT then enregisters the slots.
/// Code after an unconditional transfer (br, br_table, return, unreachable) is skipped up to its block's end.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private readonly ModuleEmitContext _m;
    private readonly ModuleDefinition _module;
    private readonly int _functionIndex;
    /// <summary>The method a self-call goes to: the twin from the original and the original from the twin (<see cref="RecursionTwins"/>).</summary>
    private readonly System.Reflection.MethodInfo _selfCallTarget;
    private readonly FunctionBody _body;
    private readonly FuncType _type;
    private readonly ILGenerator _il;
    private readonly int _paramCount;
    private readonly ValueKind[] _localTypes;
    private readonly LocalBuilder?[] _locals;
    private readonly Dictionary<(int Depth, ValueKind Type), LocalBuilder> _slots = new();
    private readonly Dictionary<(ValueKind Type, int N), LocalBuilder> _temps = new();
    private readonly List<Frame> _frames = new();
    /// <summary>The index of the instruction being emitted.</summary>
    private int _pc;
    /// <summary>Loops whose every iteration calls a guest function, which checks for interrupts (<see cref="CallingLoops"/>).</summary>
    private readonly HashSet<int> _loopsCheckedByCalls;
    /// <summary>Fuel charged per checkpoint (<see cref="FuelCosts"/>), when fuel is metered.</summary>
    private readonly long[]? _fuel;
    /// <summary>Per local, whether it is kept in memory (<see cref="SpilledLocals"/>); null when none is.</summary>
    private readonly bool[]? _spilled;
    /// <summary>The i32 locals held zero-extended in 64-bit IL locals (<see cref="AddressLocals"/>); null when none is.</summary>
    private readonly AddressLocals.Choice? _addressLocals;

    private ValueKind[] _stack = new ValueKind[32];
    /// <summary>Marks stack entries that are float constants RyuJIT would fold away (±0, ±1); see <see cref="FloatArithmetic"/>.</summary>
    private bool[] _foldableConstant = new bool[32];
    /// <summary>Marks stack entries that are an address local's 64-bit value, left for the load or store that takes it as its address.</summary>
    private bool[] _zeroExtendedAddress = new bool[32];
    private int _count;
    private int _ilBase;
    private bool _dead;
    private int _deadDepth;
    private LocalBuilder? _memory;
    /// <summary>The opcode after the instruction being emitted (<c>end</c> at the last); see <see cref="LoadMayUseGuardPages"/>.</summary>
    private Opcode _nextOpcode;
    /// <summary>The memory's size in bytes (an i64 local), reloaded with <see cref="_memory"/>; bounds checks compare against it (unused with guard pages).</summary>
    private LocalBuilder? _memoryLength;
    /// <summary>The budget, loaded from the state where a sequence needs it a few times (short-lived, never held across the body).</summary>
    private LocalBuilder? _budgetTemp;
    /// <summary>The fuel left after a checkpoint's charge (short-lived).</summary>
    private LocalBuilder? _fuelTemp;
    /// <summary>See <see cref="BudgetExhaustedLabel"/>.</summary>
    private Label? _budgetExhausted;

    /// <summary>An estimate of this function's native frame; the stack floor keeps room for the largest one in a store.</summary>
    public int FrameBytes { get; }

    /// <param name="asTwin">Emit the body into the function's twin (<see cref="RecursionTwins"/>) instead of its method.</param>
    public FunctionCompiler(ModuleEmitContext m, int functionIndex, FunctionBody body, bool asTwin = false)
    {
        _m = m;
        _module = m.Module;
        _functionIndex = functionIndex;
        _body = body;
        _type = _module.GetFunctionType((uint)functionIndex);
        var method = m.MethodFor((uint)functionIndex);
        var twin = m.TwinFor((uint)functionIndex);
        _il = (asTwin ? twin! : method).GetILGenerator();
        _selfCallTarget = asTwin ? method : twin ?? method;
        _paramCount = _type.Parameters.Count;
        long total = _paramCount + body.LocalCount;
        _localTypes = new ValueKind[total];
        _locals = new LocalBuilder?[total];
        for (int i = 0; i < _paramCount; i++) _localTypes[i] = _type.Parameters[i];
        int n = _paramCount;
        foreach (var run in body.Locals)
            for (uint k = 0; k < run.Count; k++) _localTypes[n++] = run.Type;
        _addressLocals = AddressLocals.Choose(body.Code, _paramCount, _localTypes);
        for (int i = _paramCount; i < total; i++)
            _locals[i] = _il.DeclareLocal(IsWide(i) ? typeof(long) : SignatureDelegates.ClrType(_localTypes[i]));
        _spilled = SpilledLocals.Choose(body.Code, _localTypes, _paramCount);
        _loopsCheckedByCalls = CallingLoops.Find(body.Code, m.ChecksOnEntry);
        _fuel = m.Config.ConsumeFuel ? FuelCosts(body.Code) : null;
        // A v128 takes 16 bytes: count it as two 8-byte locals.
        FrameBytes = EstimateFrameBytes(total + _localTypes.Count(t => t == ValueKind.V128), body.Code.Length);
    }

    private sealed class Frame
    {
        public Opcode Kind;
        public Label Target;
        public Label Else;
        public ValueKind[] Params = Array.Empty<ValueKind>();
        public ValueKind[] Results = Array.Empty<ValueKind>();
        public int Height;
        public bool HasElse;
        public LocalBuilder[]? SavedParams;

        /// <summary>The values a branch to this frame carries: a loop's parameters, otherwise its results.</summary>
        public ValueKind[] BranchTypes => Kind == Opcode.Loop ? Params : Results;
    }

    public void Compile()
    {
        var code = _body.Code;
        var unrolled = LoopUnrolling.Choose(code);
        EmitPrologue(_fuel?[code.Length] ?? 0);
        _frames.Add(new Frame { Kind = Opcode.Block, Target = _il.DefineLabel(), Results = ToArray(_type.Results), Height = 0 });
        for (int pc = 0; pc < code.Length; pc++)
        {
            if (!_dead && unrolled.TryGetValue(pc, out var plan)) pc = EmitUnrolledLoop(pc, plan);
            else EmitAt(pc);
        }
    }

    /// <summary>Emits the instruction at <paramref name="pc"/>, or skips it when it is unreachable.</summary>
    private void EmitAt(int pc)
    {
        var code = _body.Code;
        if (_dead)
        {
            SkipDead(code[pc]);
            return;
        }
        _pc = pc;
        _nextOpcode = pc + 1 < code.Length ? code[pc + 1].Opcode : Opcode.End;
        Emit(code[pc], _fuel?[pc] ?? 0);
    }

    private void SkipDead(in Instruction ins)
    {
        switch (ins.Opcode)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                _deadDepth++;
                break;
            case Opcode.Else when _deadDepth == 0:
                EmitElse();
                break;
            case Opcode.End when _deadDepth > 0:
                _deadDepth--;
                break;
            case Opcode.End:
                EmitEnd();
                break;
        }
    }

    /// <summary>
    /// An estimate of the native frame: 8 bytes per parameter and local, 8 per operand-stack slot (guessed from the
    /// code length, at most 32), plus return address and saved registers.
    /// </summary>
    private static int EstimateFrameBytes(long locals, int codeLength) =>
        (int)Math.Min(int.MaxValue / 4, 8 * locals + 8 * Math.Min(codeLength / 4, 32) + 64);

    /// <summary>
    /// Fuel charged at each checkpoint (function entry, stored at index code.Length, and each loop header):
    /// the number of instructions up to the next checkpoint in code order.
    /// </summary>
    private static long[] FuelCosts(Instruction[] code)
    {
        var costs = new long[code.Length + 1];
        int start = -1;
        for (int pc = 0; pc <= code.Length; pc++)
        {
            if (pc == code.Length || code[pc].Opcode == Opcode.Loop)
            {
                long cost = Math.Max(1, pc - start);
                if (start < 0) costs[code.Length] = cost;
                else costs[start] = cost;
                start = pc;
            }
        }
        return costs;
    }

    // ---- the compile-time operand stack ----

    private LocalBuilder Slot(int depth, ValueKind type)
    {
        if (!_slots.TryGetValue((depth, type), out var local))
        {
            local = _il.DeclareLocal(SignatureDelegates.ClrType(type));
            _slots[(depth, type)] = local;
        }
        return local;
    }

    private LocalBuilder Temp(ValueKind type, int n)
    {
        if (!_temps.TryGetValue((type, n), out var local))
        {
            local = _il.DeclareLocal(SignatureDelegates.ClrType(type));
            _temps[(type, n)] = local;
        }
        return local;
    }

    /// <summary>Moves every value still on the IL stack into its slot local.</summary>
    private void Spill()
    {
        for (int i = _count - 1; i >= _ilBase; i--) _il.Emit(OpCodes.Stloc, Slot(i, _stack[i]));
        _ilBase = _count;
    }

    /// <summary>Ensures the top <paramref name="k"/> values are on the IL stack, in order.</summary>
    private void Need(int k)
    {
        if (_count - _ilBase >= k) return;
        Spill();
        for (int i = _count - k; i < _count; i++) _il.Emit(OpCodes.Ldloc, Slot(i, _stack[i]));
        _ilBase = _count - k;
    }

    /// <summary>Records that the top <paramref name="k"/> values were consumed from the IL stack.</summary>
    private void Pop(int k)
    {
        _count -= k;
        if (_ilBase > _count) _ilBase = _count;
    }

    /// <summary>Records a value just pushed on the IL stack.</summary>
    private void Push(ValueKind type)
    {
        if (_count == _stack.Length)
        {
            Array.Resize(ref _stack, _count * 2);
            Array.Resize(ref _foldableConstant, _count * 2);
            Array.Resize(ref _zeroExtendedAddress, _count * 2);
        }
        _foldableConstant[_count] = false;
        _zeroExtendedAddress[_count] = false;
        _stack[_count++] = type;
    }

    /// <summary>Resets the stack to <paramref name="height"/> plus <paramref name="types"/>, all held in slots.</summary>
    private void ResetStack(int height, ValueKind[] types)
    {
        _count = height;
        foreach (var t in types) Push(t);
        _ilBase = _count;
    }

    private static ValueKind[] ToArray(IReadOnlyList<ValueKind> list)
    {
        var array = new ValueKind[list.Count];
        for (int i = 0; i < array.Length; i++) array[i] = list[i];
        return array;
    }

    // ---- the instance state argument, memory cache and prologue/epilogue ----

    private void LoadState() => _il.Emit(OpCodes.Ldarg, (short)_paramCount);

    private void LoadField(FieldInfo field)
    {
        LoadState();
        _m.EmitField(_il, OpCodes.Ldfld, field);
    }

    private void ReloadMemory()
    {
        if (_memory is null) return;
        LoadField(_m.MemoryField!);
        _il.Emit(OpCodes.Dup);
        _m.EmitField(_il, OpCodes.Ldfld, ModuleEmitContext.MemoryBase);
        _il.Emit(OpCodes.Stloc, _memory);
        _m.EmitField(_il, OpCodes.Ldfld, ModuleEmitContext.MemoryByteLength);
        _il.Emit(OpCodes.Stloc, _memoryLength!);
    }

    private bool UsesMemory()
    {
        if (_m.MemoryField is null) return false;
        foreach (var ins in _body.Code)
        {
            var op = ins.Opcode;
            if (op is >= Opcode.I32Load and <= Opcode.I64Store32) return true;
            if (IsSimdMemory(op)) return true;
        }
        return false;
    }

    private void EmitPrologue(long entryFuel)
    {
        if (_m.ChecksOnEntry[_functionIndex]) EmitStackCheck();
        EmitSpilledLocalsInMemory();
        EmitLocalsZeroing();

        if (UsesMemory())
        {
            _memory = _il.DeclareLocal(typeof(nint));
            _memoryLength = _il.DeclareLocal(typeof(long));
            ReloadMemory();
        }
        EmitCheckpoint(entryFuel, checkInterrupt: false);
    }

    private void EmitStackCheck()
    {
        // The stack check: the address of a local (the top of the native stack) against the floor set when the
        // host entered guest code (GuestCall.Run). One load and one compare; nothing to undo on return. It is also
        // the entry's deadline check: an interrupt lifts every instance's floor out of reach (see
        // ExecutionBudget.RaiseInterrupt), so a recursion without loops still stops at its next call.
        var marker = _il.DeclareLocal(typeof(byte));
        var aboveFloor = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloca, marker);
        _il.Emit(OpCodes.Conv_U);
        LoadState();
        // Volatile: where RyuJIT inlines this function into a caller's loop (see CallingLoops), the floor must be
        // read again on every call rather than hoisted out of the loop.
        _il.Emit(OpCodes.Volatile);
        _m.EmitField(_il, OpCodes.Ldfld, Fields.StackFloor);
        _il.Emit(OpCodes.Bge_Un, aboveFloor);
        LoadState();
        _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.StackFloorReached)));
        _il.MarkLabel(aboveFloor);
    }

    /// <summary>
    /// Fuel and deadline check, at function entry (fuel only: the stack check sees interrupts there, and a leaf's run
    /// without loops is bounded) and loop headers. The budget is loaded from the instance state where it is needed
    /// (fuel) rather than held in a local for the whole function: a register less in every loop. The interrupt flag
    /// is read from the state itself (<see cref="InstanceContext.Interrupt"/>).
    /// </summary>
    private void EmitCheckpoint(long fuel, bool checkInterrupt = true)
    {
        if (_m.Config.ConsumeFuel)
        {
            // budget.Fuel = left = budget.Fuel - fuel; if (left < 0) trap. The new value is kept in a local for
            // the test rather than read back from the field after the store.
            var budget = _budgetTemp ??= _il.DeclareLocal(typeof(ExecutionBudget));
            var left = _fuelTemp ??= _il.DeclareLocal(typeof(long));
            LoadField(ModuleEmitContext.BudgetField);
            _il.Emit(OpCodes.Stloc, budget);
            _il.Emit(OpCodes.Ldloc, budget);
            _m.EmitField(_il, OpCodes.Ldfld, Fields.Fuel);
            _il.Emit(OpCodes.Ldc_I8, fuel);
            _il.Emit(OpCodes.Sub);
            _il.Emit(OpCodes.Stloc, left);
            _il.Emit(OpCodes.Ldloc, budget);
            _il.Emit(OpCodes.Ldloc, left);
            _m.EmitField(_il, OpCodes.Stfld, Fields.Fuel);
            _il.Emit(OpCodes.Ldloc, left);
            _il.Emit(OpCodes.Ldc_I8, 0L);
            _il.Emit(OpCodes.Blt, BudgetExhaustedLabel());
        }
        if (!checkInterrupt) return;
        LoadState();
        _il.Emit(OpCodes.Volatile);
        _m.EmitField(_il, OpCodes.Ldfld, Fields.Interrupt);
        _il.Emit(OpCodes.Brtrue, BudgetExhaustedLabel());
    }

    /// <summary>
    /// The one block, placed after the epilogue, that every checkpoint of the function jumps to when fuel runs out or
    /// an interrupt is raised. Kept out of line, so a loop header's check is a load and a not-taken branch with the
    /// loop body falling through after it, rather than a branch around inline throwing code.
    /// </summary>
    private Label BudgetExhaustedLabel() => _budgetExhausted ??= _il.DefineLabel();

    private void EmitBudgetExhaustedBlock()
    {
        if (_budgetExhausted is not { } label) return;
        _il.MarkLabel(label);
        LoadField(ModuleEmitContext.BudgetField);
        _m.EmitCall(_il, Ops.Get(nameof(RuntimeOps.BudgetExhausted)));
        _il.Emit(OpCodes.Throw);
    }

    /// <summary>At the function's final end: return the results held in slots 0..n-1 (the first on the IL stack, the rest through result addresses).</summary>
    private void EmitEpilogue()
    {
        var results = _type.Results;
        for (int r = 1; r < results.Count; r++)
        {
            _il.Emit(OpCodes.Ldarg, (short)(_paramCount + r));
            _il.Emit(OpCodes.Ldloc, Slot(r, results[r]));
            EmitStoreIndirect(results[r]);
        }
        if (results.Count > 0) _il.Emit(OpCodes.Ldloc, Slot(0, results[0]));
        _il.Emit(OpCodes.Ret);
    }

    private void EmitLoadIndirect(ValueKind type)
    {
        switch (type)
        {
            case ValueKind.I32: _il.Emit(OpCodes.Ldind_I4); break;
            case ValueKind.I64: _il.Emit(OpCodes.Ldind_I8); break;
            case ValueKind.F32: _il.Emit(OpCodes.Ldind_R4); break;
            case ValueKind.F64: _il.Emit(OpCodes.Ldind_R8); break;
            default: throw new InvalidOperationException($"a {type} local is never spilled");
        }
    }

    private void EmitStoreIndirect(ValueKind type)
    {
        switch (type)
        {
            case ValueKind.I32: _il.Emit(OpCodes.Stind_I4); break;
            case ValueKind.I64: _il.Emit(OpCodes.Stind_I8); break;
            case ValueKind.F32: _il.Emit(OpCodes.Stind_R4); break;
            case ValueKind.F64: _il.Emit(OpCodes.Stind_R8); break;
            case ValueKind.V128: _il.Emit(OpCodes.Stobj, typeof(System.Runtime.Intrinsics.Vector128<byte>)); break;
            default: _il.Emit(OpCodes.Stind_Ref); break;
        }
    }

    private static class Fields
    {
        public static readonly FieldInfo StackFloor = typeof(InstanceContext).GetField(nameof(InstanceContext.StackFloor))!;
        public static readonly FieldInfo Fuel = typeof(ExecutionBudget).GetField(nameof(ExecutionBudget.Fuel))!;
        public static readonly FieldInfo Interrupt = typeof(InstanceContext).GetField(nameof(InstanceContext.Interrupt))!;
    }
}

/// <summary>Looks up <see cref="RuntimeOps"/> methods by name, once.</summary>
internal static class Ops
{
    private static readonly Dictionary<string, MethodInfo> s_methods = typeof(RuntimeOps)
        .GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        .GroupBy(m => m.Name)
        .ToDictionary(g => g.Key, g => g.First());

    public static MethodInfo Get(string name) => s_methods[name];

    public static bool TryGet(string name, out MethodInfo method) => s_methods.TryGetValue(name, out method!);
}
